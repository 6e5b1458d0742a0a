import { inspectionContract, type ResolveEffectOutput } from "@orgboard/contract-inspection";
import { todayOf } from "../../app/dates.js";
import { caseInScope } from "../../app/access.js";
import { inspectionEvent, recordCallerChange } from "../../app/record.js";
import type { DisciplineDecision } from "../../generated/prisma/client.js";
import { conflict } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures;

function effectOf(d: DisciplineDecision): ResolveEffectOutput["effect"] {
  return { status: d.effectStatus as ResolveEffectOutput["effect"]["status"], reason: d.effectReason, message: d.effectMessage, updatedAt: d.effectUpdatedAt?.toISOString() ?? null };
}

/**
 * An officer settles an effect membership refused (docs/inspection.md, "Effects in membership"): the
 * decision's effect goes refused → resolved with the officer's note; the refusal's reason and message
 * stay. Nothing is re-sent to membership: what the officer did is in the note (and in the records of
 * membership, done there by its own procedures). Scope: the subject's organization.
 */
export const resolveEffectRoute = procedure("inspection.discipline.manage")
  .input(c.discipline.resolveEffect.input)
  .output(c.discipline.resolveEffect.output)
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      // Outside the caller's scope answers exactly like "does not exist".
      const before = caseInScope(ctx, await tx.disciplineDecision.findUnique({ where: { id: input.decisionId } }), "decisionId");
      const today = todayOf(ctx);
      // Conditional on the status: of two officers resolving at once, the second is refused.
      const { count } = await tx.disciplineDecision.updateMany({
        where: { id: before.id, effectStatus: "refused" },
        data: { effectStatus: "resolved", effectResolvedBy: ctx.principal.subject, effectResolution: input.note, effectUpdatedAt: ctx.now() },
      });
      if (count === 0) {
        throw conflict(
          "effect_not_refused",
          `chỉ giải quyết được hiệu lực bị membership từ chối; hiệu lực của quyết định này đang ở trạng thái "${before.effectStatus}"`,
          `only an effect membership refused can be resolved; this decision's effect is "${before.effectStatus}"`,
          "decisionId",
        );
      }
      const after = await tx.disciplineDecision.findUniqueOrThrow({ where: { id: before.id } });
      await recordCallerChange(tx, ctx, {
        entity: "DisciplineDecision",
        entityId: after.id,
        orgPath: after.subjectOrgPath,
        before: { effect: effectOf(before) },
        after: { effect: effectOf(after), resolution: input.note },
        events: [inspectionEvent("inspection.discipline.effect_resolved", after.subjectOrgPath, after.id, { decisionId: after.id, resolvedOn: today })],
      });
      return { decisionId: after.id, effect: effectOf(after), resolution: { note: input.note, resolvedBy: ctx.principal.subject, resolvedOn: today } };
    }),
  );
