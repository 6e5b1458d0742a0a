import { validatePlan } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { recordCallerChange } from "../app/record.js";
import { insertSites } from "../app/sites.js";
import { procedure } from "./procedure.js";
import { toConferenceSummary } from "./views.js";
import { ZCreateConferenceInput, ZCreateConferenceOutput } from "@orgboard/contract-conference";

export const createConferenceRoute = procedure("conference.conferences.create", { resource: "orgPath" })
  .input(ZCreateConferenceInput)
  .output(ZCreateConferenceOutput)
  .mutation(async ({ ctx, input }) => {
    const scheduledStart = new Date(input.scheduledStart);
    const scheduledEnd = new Date(input.scheduledEnd);
    const agenda = input.agenda.map((item, i) => ({ ...item, position: i + 1, plannedSeconds: Math.max(1, Math.round(item.plannedMinutes * 60)) }));
    validatePlan({ orgPath: input.orgPath, scheduledStart, scheduledEnd, agenda });

    return ctx.db.$transaction(async (tx) => {
      const conference = await tx.conference.create({
        data: {
          title: input.title,
          orgPath: input.orgPath,
          organizerName: input.organizerName,
          chairName: input.chairName,
          chairTitle: input.chairTitle ?? null,
          mode: input.mode,
          scheduledStart,
          scheduledEnd,
          createdBy: ctx.principal.subject,
        },
      });
      await tx.agendaItem.createMany({
        data: agenda.map((item) => ({
          conferenceId: conference.id,
          position: item.position,
          title: item.title,
          kind: item.kind,
          plannedSeconds: item.plannedSeconds,
          presenterName: item.presenterName ?? null,
          presenterTitle: item.presenterTitle ?? null,
        })),
      });
      const siteCount = await insertSites(tx, conference, input.sites);
      const items = await tx.agendaItem.findMany({ where: { conferenceId: conference.id }, orderBy: { position: "asc" }, select: { id: true, position: true, title: true } });
      const summary = toConferenceSummary(conference);
      await recordCallerChange(tx, ctx, {
        entity: "conference",
        entityId: conference.id,
        orgPath: conference.orgPath,
        after: { ...summary, siteCount, agendaItemCount: items.length },
        events: [conferenceEvent("conference.created", conference.orgPath, { conferenceId: conference.id, conference: summary, siteCount, agendaItemCount: items.length })],
      });
      return { ...summary, siteCount, agenda: items };
    });
  });
