import { assertCanEndSpeech, type SpeakRequestState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConferenceFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { queueLength, speakerRef } from "../app/speakers.js";
import { procedure } from "./procedure.js";
import { ZEndSpeechInput, ZEndSpeechOutput } from "@orgboard/contract-conference";
import { iso, toSpeakRequestView } from "./views.js";

/** The current speaker yields the floor. */
export const endSpeechRoute = procedure("conference.conferences.run")
  .input(ZEndSpeechInput)
  .output(ZEndSpeechOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const conference = await lockConferenceFor(tx, ctx, input.conferenceId);
      const speaking = await tx.speakRequest.findFirst({ where: { conferenceId: conference.id, status: "speaking" } });
      assertCanEndSpeech(conference.status, (speaking ?? undefined) as SpeakRequestState | undefined);
      const now = ctx.now();
      const ended = await tx.speakRequest.update({ where: { id: speaking!.id }, data: { status: "done", endedAt: now } });
      const site = await tx.conferenceSite.findUniqueOrThrow({ where: { id: ended.siteId } });
      const durationSeconds = Math.max(0, Math.round((now.getTime() - (ended.startedAt ?? now).getTime()) / 1000));
      const remaining = await queueLength(tx, conference.id);
      await recordCallerChange(tx, ctx, {
        entity: "speak_request",
        entityId: ended.id,
        orgPath: site.orgPath,
        before: { status: "speaking" },
        after: { status: ended.status, durationSeconds },
        events: [
          conferenceEvent("conference.speaker.changed", site.orgPath, {
            conferenceId: conference.id,
            current: null,
            previous: { ...speakerRef(ended, site), endedAt: iso(now), durationSeconds },
            queueLength: remaining,
          }),
        ],
      });
      return { ended: toSpeakRequestView(ended, site), durationSeconds, queueLength: remaining };
    }),
  );
