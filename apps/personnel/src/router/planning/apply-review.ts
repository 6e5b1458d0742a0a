import { personnelContract, type PoolReviewView } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { toPoolReviewView } from "../../app/cadre-views.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, conflict, invalid } from "../../app/errors.js";
import { personnelEvent, recordCallerChange, type PersonnelEvent } from "../../app/record.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.planning.applyReview;

/**
 * Applies a yearly review's proposals (all, or the `entryIds` the committee kept): each place still active
 * leaves its pool on `appliedOn` with the proposal's reason; a place already removed since is skipped. Once
 * per review; one audit record listing what was removed, and a `personnel.pool.removed` event per place.
 */
export const applyReviewRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("appliedOn", input.appliedOn, todayOf(ctx));
    return ctx.db.$transaction(async (tx) => {
      const review = inScope(ctx, await tx.poolReview.findUnique({ where: { id: input.reviewId } }), "reviewId");
      if (review.applied !== null) throw conflict("reviewId", "already_applied", "kết quả rà soát đã được áp dụng", "the review was already applied");
      if (input.appliedOn < fromDbDate(review.reviewedOn)) throw invalid("appliedOn", "before_review", "ngày áp dụng trước ngày rà soát", "applied before the review");
      const proposals = review.proposals as PoolReviewView["proposals"];
      const proposed = new Set(proposals.map((p) => p.entryId));
      const chosen = input.entryIds ?? [...proposed];
      const stray = chosen.findIndex((id) => !proposed.has(id));
      if (stray >= 0) throw invalid(`entryIds.${stray}`, "not_proposed", "vị trí này không có trong đề xuất của đợt rà soát", "this place is not among the review's proposals");
      const wanted = new Set(chosen);
      const removed: { entryId: string; reason: string }[] = [];
      const events: PersonnelEvent[] = [];
      for (const p of proposals) {
        if (!wanted.has(p.entryId)) continue;
        const entry = await tx.poolEntry.findUnique({ where: { id: p.entryId }, include: { post: true } });
        if (!entry || entry.removedOn !== null) continue;
        const on = input.appliedOn < fromDbDate(entry.addedOn) ? fromDbDate(entry.addedOn) : input.appliedOn;
        await tx.poolEntry.update({ where: { id: entry.id }, data: { removedOn: toDbDate(on), removalReason: p.reason } });
        removed.push({ entryId: entry.id, reason: p.reason });
        events.push(personnelEvent("personnel.pool.removed", entry.post.orgPath, entry.id, { entryId: entry.id, postId: entry.postId, cadreId: entry.cadreId, removedOn: on, reason: p.reason }));
      }
      const row = await tx.poolReview.update({ where: { id: review.id }, data: { applied: removed.length, appliedOn: toDbDate(input.appliedOn), appliedBy: ctx.principal.subject } });
      events.push(personnelEvent("personnel.pool.reviewed", review.orgPath, review.id, { reviewId: review.id, termStartYear: review.termStartYear, year: review.year, reviewed: review.reviewed, proposed: proposals.length, applied: removed.length }));
      await recordCallerChange(tx, ctx, { entity: "PoolReview", entityId: review.id, orgPath: review.orgPath, before: { applied: null }, after: { appliedOn: input.appliedOn, removed }, events });
      return toPoolReviewView(row);
    });
  });
