import { assertCanWithdraw, type SpeakRequestState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConference, notFound } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { queueLength, siteRef } from "../app/speakers.js";
import { procedure } from "./procedure.js";
import { ZWithdrawInput, ZWithdrawOutput } from "@orgboard/contract-conference";
import { toSpeakRequestView } from "./views.js";

/** Site operator: take the site's speaker out of the queue before being given the floor. */
export const withdrawSpeakRequestRoute = procedure("conference.speakers.register")
  .input(ZWithdrawInput)
  .output(ZWithdrawOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const found = await tx.speakRequest.findUnique({ where: { id: input.requestId }, select: { conferenceId: true } });
      if (!found) throw notFound("Speak request");
      const conference = await lockConference(tx, found.conferenceId);
      const request = await tx.speakRequest.findUniqueOrThrow({ where: { id: input.requestId } });
      const site = await tx.conferenceSite.findUniqueOrThrow({ where: { id: request.siteId } });
      ctx.assertCan({ orgPath: site.orgPath });
      assertCanWithdraw(conference.status, request as SpeakRequestState);
      const withdrawn = await tx.speakRequest.update({ where: { id: request.id }, data: { status: "withdrawn", endedAt: ctx.now() } });
      const remaining = await queueLength(tx, conference.id);
      await recordCallerChange(tx, ctx, {
        entity: "speak_request",
        entityId: request.id,
        orgPath: site.orgPath,
        before: { status: request.status },
        after: { status: withdrawn.status },
        events: [conferenceEvent("conference.speaker.withdrawn", site.orgPath, { requestId: request.id, ...siteRef(site), queueLength: remaining })],
      });
      return { request: toSpeakRequestView(withdrawn, site), queueLength: remaining };
    }),
  );
