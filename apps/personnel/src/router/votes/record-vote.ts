import { personnelContract } from "@orgboard/contract-personnel";
import { todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, conflict, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { confidenceOutcome, hasQuorum, lowPercent, removesFromPlanning } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.votes.record;

/**
 * A confidence-vote session of a body and the tallies (counts) of each current holder voted on. Holders
 * whose share of low confidence calls for it leave every planning pool they are in (QĐ 96-QĐ/TW); the
 * resignation or dismissal proposed is recorded as the outcome for the competent body to act on.
 */
export const recordVoteRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: input.orgPath })) throw notFound("orgPath");
    assertNotFuture("heldOn", input.heldOn, todayOf(ctx));
    if (!hasQuorum(input.summoned, input.present)) throw conflict("present", "no_quorum", "hội nghị lấy phiếu cần ít nhất 2/3 số người được triệu tập có mặt", "a confidence vote needs two thirds of those summoned present");
    const ids = input.tallies.map((t) => t.assignmentId);
    if (new Set(ids).size !== ids.length) throw conflict("tallies", "duplicate_holder", "một người được lấy phiếu hai lần trong một hội nghị", "a holder is voted on twice in one session");
    return ctx.db.$transaction(async (tx) => {
      const holdings = await tx.holding.findMany({ where: { id: { in: ids } }, include: { post: true } });
      const byId = new Map(holdings.map((h) => [h.id, h]));
      input.tallies.forEach((t, i) => {
        const h = byId.get(t.assignmentId);
        // Another body's holder, one outside the scope, or one who left the post: the same refusal.
        if (!h || h.endedOn !== null || !h.post.orgPath.startsWith(input.orgPath)) throw notFound(`tallies.${i}.assignmentId`);
      });
      const session = await tx.voteSession.create({ data: { orgPath: input.orgPath, heldOn: toDbDate(input.heldOn), summoned: input.summoned, present: input.present, createdBy: ctx.principal.subject } });
      const results = [];
      const events = [];
      for (const t of input.tallies) {
        const h = byId.get(t.assignmentId)!;
        const outcome = confidenceOutcome(t, input.present);
        await tx.voteTally.create({ data: { sessionId: session.id, holdingId: h.id, cadreId: h.cadreId, high: t.high, medium: t.medium, low: t.low, outcome } });
        if (removesFromPlanning(outcome)) {
          const entries = await tx.poolEntry.findMany({ where: { cadreId: h.cadreId, removedOn: null }, include: { post: true } });
          for (const e of entries) {
            await tx.poolEntry.update({ where: { id: e.id }, data: { removedOn: toDbDate(input.heldOn), removalReason: "confidence_vote" } });
            events.push(personnelEvent("personnel.pool.removed", e.post.orgPath, e.id, { entryId: e.id, postId: e.postId, cadreId: h.cadreId, removedOn: input.heldOn, reason: "confidence_vote" }));
          }
        }
        results.push({ assignmentId: h.id, cadreId: h.cadreId, lowPercent: lowPercent(t, input.present), outcome });
      }
      events.push(
        personnelEvent("personnel.vote.recorded", input.orgPath, session.id, {
          sessionId: session.id,
          heldOn: input.heldOn,
          holders: results.length,
          resignationProposed: results.filter((r) => r.outcome === "resignation_proposed").length,
          dismissalProposed: results.filter((r) => r.outcome === "dismissal_proposed").length,
        }),
      );
      await recordCallerChange(tx, ctx, { entity: "VoteSession", entityId: session.id, orgPath: input.orgPath, after: { heldOn: input.heldOn, summoned: input.summoned, present: input.present, results }, events });
      return { sessionId: session.id, results };
    });
  });
