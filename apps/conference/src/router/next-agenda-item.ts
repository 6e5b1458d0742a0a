import { advanceAgenda, type AgendaItemKind, type AgendaItemState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConferenceFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { procedure } from "./procedure.js";
import { ZNextAgendaItemInput, ZNextAgendaItemOutput } from "@orgboard/contract-conference";
import { iso, isoOrNull, toAgendaItemView } from "./views.js";

/** Closes the running agenda item (recording its overrun) and opens the next one. */
export const nextAgendaItemRoute = procedure("conference.conferences.run")
  .input(ZNextAgendaItemInput)
  .output(ZNextAgendaItemOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const conference = await lockConferenceFor(tx, ctx, input.conferenceId);
      const items = await tx.agendaItem.findMany({ where: { conferenceId: conference.id }, orderBy: { position: "asc" } });
      const speaking = await tx.speakRequest.count({ where: { conferenceId: conference.id, status: "speaking" } });
      const now = ctx.now();
      const step = advanceAgenda(conference.status, items as AgendaItemState[], speaking > 0, now);
      const finished = step.finished ? await tx.agendaItem.update({ where: { id: step.finished.id }, data: { status: "done", actualEnd: now } }) : null;
      const started = step.started ? await tx.agendaItem.update({ where: { id: step.started.id }, data: { status: "in_progress", actualStart: now } }) : null;
      await recordCallerChange(tx, ctx, {
        entity: "agenda_item",
        entityId: started?.id ?? finished?.id ?? conference.id,
        orgPath: conference.orgPath,
        before: finished ? { finishedItem: finished.id } : undefined,
        after: { startedItem: started?.id ?? null },
        events: [
          conferenceEvent("conference.agenda.advanced", conference.orgPath, {
            conferenceId: conference.id,
            finished:
              finished && step.finished
                ? {
                    itemId: finished.id,
                    position: finished.position,
                    title: finished.title,
                    actualStart: isoOrNull(finished.actualStart),
                    actualEnd: iso(now),
                    overrunSeconds: step.finished.overrunSeconds,
                  }
                : null,
            started: started
              ? {
                  itemId: started.id,
                  position: started.position,
                  title: started.title,
                  kind: started.kind as AgendaItemKind,
                  plannedMinutes: started.plannedSeconds / 60,
                  actualStart: iso(now),
                }
              : null,
          }),
        ],
      });
      return { finished: finished ? toAgendaItemView(finished, now) : null, current: started ? toAgendaItemView(started, now) : null };
    }),
  );
