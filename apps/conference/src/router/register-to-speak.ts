import { assertCanRegister, ACTIVE_SPEAK_STATUSES, type LinkState, type SpeakRequestState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockSiteFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { queueLength, siteRef } from "../app/speakers.js";
import { procedure } from "./procedure.js";
import { ZRegisterToSpeakInput, ZRegisterToSpeakOutput } from "@orgboard/contract-conference";
import { toSpeakRequestView } from "./views.js";

/** Site operator: put the site's speaker in the queue (đăng ký phát biểu). */
export const registerToSpeakRoute = procedure("conference.speakers.register")
  .input(ZRegisterToSpeakInput)
  .output(ZRegisterToSpeakOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const { site, conference } = await lockSiteFor(tx, ctx, input.siteId);
      const active = await tx.speakRequest.findFirst({ where: { siteId: site.id, status: { in: [...ACTIVE_SPEAK_STATUSES] } } });
      assertCanRegister(conference.status, { checkedInAt: site.checkedInAt, linkState: site.linkState as LinkState }, (active ?? undefined) as SpeakRequestState | undefined);
      const { speakSequence } = await tx.conference.update({ where: { id: conference.id }, data: { speakSequence: { increment: 1 } }, select: { speakSequence: true } });
      const request = await tx.speakRequest.create({
        data: {
          conferenceId: conference.id,
          siteId: site.id,
          sequence: speakSequence,
          speakerName: input.speakerName,
          speakerTitle: input.speakerTitle ?? null,
          topic: input.topic ?? null,
          registeredAt: ctx.now(),
        },
      });
      const position = await queueLength(tx, conference.id);
      await recordCallerChange(tx, ctx, {
        entity: "speak_request",
        entityId: request.id,
        orgPath: site.orgPath,
        after: { status: request.status, sequence: request.sequence, speakerName: request.speakerName },
        events: [
          conferenceEvent("conference.speaker.registered", site.orgPath, {
            requestId: request.id,
            ...siteRef(site),
            speakerName: request.speakerName,
            sequence: request.sequence,
            queueLength: position,
          }),
        ],
      });
      return { request: toSpeakRequestView(request, site), position };
    }),
  );
