import { assertCanOpenSession } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConference } from "../app/load.js";
import { recordChange } from "../app/record.js";
import { procedure } from "./procedure.js";
import { ZTransitionInput, ZTransitionOutput } from "./transitions.types.js";
import { iso, toConferenceSummary } from "./views.js";

/** connecting_sites → in_session: the chair opens the conference (khai mạc). */
export const openSessionRoute = procedure("conference.conferences.run")
  .input(ZTransitionInput)
  .output(ZTransitionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const before = await lockConference(tx, input.conferenceId);
      ctx.assertCan({ orgPath: before.orgPath });
      const linked = await tx.conferenceSite.count({ where: { conferenceId: before.id, linkState: { not: "disconnected" } } });
      assertCanOpenSession(before.status, linked);
      const now = ctx.now();
      const after = await tx.conference.update({ where: { id: before.id }, data: { status: "in_session", openedAt: now } });
      await recordChange(tx, {
        actor: ctx.principal.subject,
        requestId: ctx.requestId,
        action: ctx.action,
        entity: "conference",
        entityId: before.id,
        orgPath: before.orgPath,
        before: { status: before.status },
        after: { status: after.status },
        events: [conferenceEvent("conference.status_changed", before.orgPath, { conferenceId: before.id, from: before.status, to: "in_session", at: iso(now) })],
      });
      return toConferenceSummary(after);
    }),
  );
