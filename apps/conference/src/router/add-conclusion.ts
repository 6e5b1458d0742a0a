import { assertCanAddConclusion, currentItem, type AgendaItemState } from "../domain/index.js";
import { conferenceEvent } from "../events.js";
import { lockConferenceFor } from "../app/load.js";
import { recordCallerChange } from "../app/record.js";
import { procedure } from "./procedure.js";
import { ZAddConclusionInput, ZAddConclusionOutput } from "@orgboard/contract-conference";
import { toConclusionView } from "./views.js";

/** A conclusion of the chair (kết luận), attached to the running agenda item. */
export const addConclusionRoute = procedure("conference.conferences.run")
  .input(ZAddConclusionInput)
  .output(ZAddConclusionOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const conference = await lockConferenceFor(tx, ctx, input.conferenceId);
      assertCanAddConclusion(conference.status);
      const items = (await tx.agendaItem.findMany({ where: { conferenceId: conference.id } })) as AgendaItemState[];
      const conclusion = await tx.conclusion.create({
        data: { conferenceId: conference.id, agendaItemId: currentItem(items)?.id ?? null, text: input.text, createdBy: ctx.principal.subject, createdAt: ctx.now() },
      });
      await recordCallerChange(tx, ctx, {
        entity: "conclusion",
        entityId: conclusion.id,
        orgPath: conference.orgPath,
        after: { text: conclusion.text },
        events: [
          conferenceEvent("conference.conclusion.added", conference.orgPath, {
            conferenceId: conference.id,
            conclusionId: conclusion.id,
            text: conclusion.text,
            agendaItemId: conclusion.agendaItemId,
          }),
        ],
      });
      return toConclusionView(conclusion);
    }),
  );
