import { TRPCError } from "@trpc/server";
import { assertCanGiveFloor, currentItem, type AgendaItemState, type LinkState, type SpeakRequestState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConferenceFor, notFound } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { queueLength, speakerRef } from "../app/speakers.js";
import { procedure } from "./procedure.js";
import { ZGiveFloorInput, ZGiveFloorOutput } from "@orgboard/contract-conference";
import { toSpeakRequestView } from "./views.js";

/** The chair gives the floor to a site (by default the next in the queue). */
export const giveFloorRoute = procedure("conference.conferences.run")
  .input(ZGiveFloorInput)
  .output(ZGiveFloorOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const conference = await lockConferenceFor(tx, ctx, input.conferenceId);
      const request = input.requestId
        ? await tx.speakRequest.findFirst({ where: { id: input.requestId, conferenceId: conference.id } })
        : await tx.speakRequest.findFirst({ where: { conferenceId: conference.id, status: "queued" }, orderBy: { sequence: "asc" } });
      if (!request) {
        if (input.requestId) throw notFound("Speak request");
        throw new TRPCError({ code: "CONFLICT", message: "The speakers' queue is empty" });
      }
      const site = await tx.conferenceSite.findUniqueOrThrow({ where: { id: request.siteId } });
      const items = (await tx.agendaItem.findMany({ where: { conferenceId: conference.id } })) as AgendaItemState[];
      const speaking = await tx.speakRequest.findFirst({ where: { conferenceId: conference.id, status: "speaking" } });
      assertCanGiveFloor(
        conference.status,
        currentItem(items)?.kind,
        (speaking ?? undefined) as SpeakRequestState | undefined,
        request as SpeakRequestState,
        { checkedInAt: site.checkedInAt, linkState: site.linkState as LinkState },
      );
      const now = ctx.now();
      const current = await tx.speakRequest.update({
        where: { id: request.id },
        data: { status: "speaking", startedAt: now, agendaItemId: currentItem(items)?.id ?? null },
      });
      const remaining = await queueLength(tx, conference.id);
      await recordCallerChange(tx, ctx, {
        entity: "speak_request",
        entityId: current.id,
        orgPath: site.orgPath,
        before: { status: request.status },
        after: { status: current.status },
        events: [conferenceEvent("conference.speaker.changed", site.orgPath, { conferenceId: conference.id, current: speakerRef(current, site), previous: null, queueLength: remaining })],
      });
      return { speaker: toSpeakRequestView(current, site), queueLength: remaining };
    }),
  );
