import { assertCanConclude, closeAgenda, overrunSeconds, type AgendaItemState, type SpeakRequestState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { siteCounters } from "../app/load.js";
import { transitionConference } from "../app/transition.js";
import { procedure } from "./procedure.js";
import { ZTransitionInput, ZTransitionOutput } from "@orgboard/contract-conference";
import { iso, isoOrNull } from "./views.js";

/** in_session → concluded: the running item ends, items not reached are skipped, the queue closes. */
export const concludeConferenceRoute = procedure("conference.conferences.run")
  .input(ZTransitionInput)
  .output(ZTransitionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction((tx) =>
      transitionConference(tx, ctx, input.conferenceId, {
        to: "concluded",
        check: async (tx, before) => {
          const speaking = await tx.speakRequest.findFirst({ where: { conferenceId: before.id, status: "speaking" } });
          assertCanConclude(before.status, (speaking ?? undefined) as SpeakRequestState | undefined);
        },
        effects: async (tx, before, now) => {
          const items = (await tx.agendaItem.findMany({ where: { conferenceId: before.id } })) as AgendaItemState[];
          const closed = closeAgenda(items, now);
          const finished = closed.finishedId ? await tx.agendaItem.update({ where: { id: closed.finishedId }, data: { status: "done", actualEnd: now } }) : null;
          if (closed.skippedIds.length > 0) await tx.agendaItem.updateMany({ where: { id: { in: closed.skippedIds } }, data: { status: "skipped" } });
          const notReached = await tx.speakRequest.updateMany({ where: { conferenceId: before.id, status: "queued" }, data: { status: "not_reached", endedAt: now } });
          const counters = await siteCounters(tx, before.id);
          const speeches = await tx.speakRequest.count({ where: { conferenceId: before.id, status: "done" } });
          const conclusions = await tx.conclusion.count({ where: { conferenceId: before.id } });
          return {
            after: { skippedItems: closed.skippedIds.length, requestsNotReached: notReached.count, counters },
            events: finished
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
              : [],
            final: { counters, speeches, conclusions },
          };
        },
      }),
    ),
  );
