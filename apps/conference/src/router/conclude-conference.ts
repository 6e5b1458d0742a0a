import { assertCanConclude, closeAgenda, overrunSeconds, type AgendaItemState, type SpeakRequestState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConference, siteCounters } from "../app/load.js";
import { recordChange } from "../app/record.js";
import { procedure } from "./procedure.js";
import { ZTransitionInput, ZTransitionOutput } from "./transitions.types.js";
import { iso, isoOrNull, toConferenceSummary } from "./views.js";

/** in_session → concluded: the running item ends, items not reached are skipped, the queue closes. */
export const concludeConferenceRoute = procedure("conference.conferences.run")
  .input(ZTransitionInput)
  .output(ZTransitionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const before = await lockConference(tx, input.conferenceId);
      ctx.assertCan({ orgPath: before.orgPath });
      const speaking = await tx.speakRequest.findFirst({ where: { conferenceId: before.id, status: "speaking" } });
      assertCanConclude(before.status, (speaking ?? undefined) as SpeakRequestState | undefined);
      const now = ctx.now();
      const items = (await tx.agendaItem.findMany({ where: { conferenceId: before.id } })) as AgendaItemState[];
      const closed = closeAgenda(items, now);
      const finished = closed.finishedId ? await tx.agendaItem.update({ where: { id: closed.finishedId }, data: { status: "done", actualEnd: now } }) : null;
      if (closed.skippedIds.length > 0) await tx.agendaItem.updateMany({ where: { id: { in: closed.skippedIds } }, data: { status: "skipped" } });
      const notReached = await tx.speakRequest.updateMany({ where: { conferenceId: before.id, status: "queued" }, data: { status: "not_reached", endedAt: now } });
      const after = await tx.conference.update({ where: { id: before.id }, data: { status: "concluded", concludedAt: now } });
      const counters = await siteCounters(tx, before.id);
      const speeches = await tx.speakRequest.count({ where: { conferenceId: before.id, status: "done" } });
      const conclusions = await tx.conclusion.count({ where: { conferenceId: before.id } });
      await recordChange(tx, {
        actor: ctx.principal.subject,
        requestId: ctx.requestId,
        action: ctx.action,
        entity: "conference",
        entityId: before.id,
        orgPath: before.orgPath,
        before: { status: before.status },
        after: { status: after.status, skippedItems: closed.skippedIds.length, requestsNotReached: notReached.count, counters },
        events: [
          ...(finished
            ? [
                conferenceEvent("conference.agenda.advanced", before.orgPath, {
                  conferenceId: before.id,
                  finished: {
                    itemId: finished.id,
                    position: finished.position,
                    title: finished.title,
                    actualStart: isoOrNull(finished.actualStart),
                    actualEnd: iso(now),
                    overrunSeconds: overrunSeconds(finished, now),
                  },
                  started: null,
                }),
              ]
            : []),
          conferenceEvent("conference.status_changed", before.orgPath, {
            conferenceId: before.id,
            from: before.status,
            to: "concluded",
            at: iso(now),
            final: { counters, speeches, conclusions },
          }),
        ],
      });
      return toConferenceSummary(after);
    }),
  );
