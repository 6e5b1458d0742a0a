import { assertCanStartConnecting } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConference } from "../app/load.js";
import { recordChange } from "../app/record.js";
import { procedure } from "./procedure.js";
import { ZTransitionInput, ZTransitionOutput } from "./transitions.types.js";
import { iso, toConferenceSummary } from "./views.js";

/** scheduled → connecting_sites: the bridge starts calling the sites. */
export const startConnectingRoute = procedure("conference.conferences.run")
  .input(ZTransitionInput)
  .output(ZTransitionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const before = await lockConference(tx, input.conferenceId);
      ctx.assertCan({ orgPath: before.orgPath });
      assertCanStartConnecting(before.status, await tx.conferenceSite.count({ where: { conferenceId: before.id } }));
      const now = ctx.now();
      const after = await tx.conference.update({ where: { id: before.id }, data: { status: "connecting_sites", connectingAt: now } });
      await recordChange(tx, {
        actor: ctx.principal.subject,
        requestId: ctx.requestId,
        action: ctx.action,
        entity: "conference",
        entityId: before.id,
        orgPath: before.orgPath,
        before: { status: before.status },
        after: { status: after.status },
        events: [conferenceEvent("conference.status_changed", before.orgPath, { conferenceId: before.id, from: before.status, to: "connecting_sites", at: iso(now) })],
      });
      return toConferenceSummary(after);
    }),
  );
