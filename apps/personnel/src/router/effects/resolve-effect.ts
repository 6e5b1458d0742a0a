import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { conflict } from "../../app/errors.js";
import { toEffectView } from "../../app/inspection-effects.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.effects.resolve;

/** An officer settles an unappliable effect with a note of what was done by hand (unappliable → resolved). */
export const resolveEffectRoute = procedure("personnel.effects.manage")
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = inScope(ctx, await tx.appliedEffect.findUnique({ where: { id: input.effectId } }), "effectId");
      if (row.status !== "unappliable") throw conflict("effectId", "not_unappliable", "chỉ giải quyết được tác động chưa áp dụng được", "only an unappliable effect can be resolved");
      const updated = await tx.appliedEffect.update({ where: { id: row.id }, data: { status: "resolved", resolvedBy: ctx.principal.subject, resolution: input.resolution, resolvedAt: ctx.now() } });
      await recordCallerChange(tx, ctx, {
        entity: "AppliedEffect",
        entityId: row.id,
        orgPath: row.orgPath,
        before: { status: row.status },
        after: { status: "resolved", resolution: input.resolution },
        events: [personnelEvent("personnel.effect.resolved", row.orgPath, row.id, { effectId: row.id })],
      });
      return toEffectView(updated);
    }),
  );
