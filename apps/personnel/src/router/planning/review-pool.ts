import { personnelContract } from "@orgboard/contract-personnel";
import { toPoolReviewView } from "../../app/cadre-views.js";
import { fromDbDate, todayOf, toDbDate } from "../../app/dates.js";
import { assertNotFuture, invalid, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { reviewDayInYear, reviewProposals } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.planning.review;

/**
 * The yearly review of the pools of a subtree's posts for a term (QĐ 377: planning reviewed every year):
 * every active place is checked (age for the whole term, discipline bars, the latest political-standard
 * conclusion) and the review is recorded with who, when, how many places and the removals it proposes.
 * One review per subtree, term and year (a second answers CONFLICT). Nothing leaves a pool until applied.
 */
export const reviewPoolRoute = procedure("personnel.cadres.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: input.orgPath })) throw notFound("orgPath");
    assertNotFuture("reviewedOn", input.reviewedOn, todayOf(ctx));
    if (!reviewDayInYear(input.reviewedOn, input.year)) throw invalid("reviewedOn", "outside_year", `ngày rà soát phải trong năm ${input.year}`, `the review day must fall in ${input.year}`);
    return ctx.db.$transaction(async (tx) => {
      const entries = await tx.poolEntry.findMany({
        where: { removedOn: null, post: { orgPath: { startsWith: input.orgPath }, termStartYear: input.termStartYear } },
        include: { post: true, cadre: { include: { bars: true } } },
        orderBy: { id: "asc" },
      });
      const conclusions = await tx.standardConclusion.findMany({ where: { cadreId: { in: [...new Set(entries.map((e) => e.cadreId))] } }, select: { cadreId: true, concludedOn: true, met: true, purpose: true } });
      const proposals = reviewProposals(
        entries.map((e) => ({
          entryId: e.id,
          postId: e.postId,
          cadreId: e.cadreId,
          term: { termStartYear: e.post.termStartYear, termEndYear: e.post.termEndYear },
          cadre: { birthDate: fromDbDate(e.cadre.birthDate), gender: e.cadre.gender as "male" },
          bars: e.cadre.bars.map((b) => ({ purpose: b.purpose, from: fromDbDate(b.fromOn), until: fromDbDate(b.untilOn) })),
          conclusions: conclusions.filter((x) => x.cadreId === e.cadreId).map((x) => ({ concludedOn: fromDbDate(x.concludedOn), met: x.met, purpose: x.purpose })),
        })),
        input.reviewedOn,
      );
      const row = await tx.poolReview.create({
        data: { orgPath: input.orgPath, termStartYear: input.termStartYear, year: input.year, reviewedOn: toDbDate(input.reviewedOn), reviewedBy: ctx.principal.subject, reviewed: entries.length, proposals },
      });
      const view = toPoolReviewView(row);
      await recordCallerChange(tx, ctx, {
        entity: "PoolReview",
        entityId: row.id,
        orgPath: input.orgPath,
        after: { termStartYear: input.termStartYear, year: input.year, reviewedOn: input.reviewedOn, reviewed: entries.length, proposals },
        events: [personnelEvent("personnel.pool.reviewed", input.orgPath, row.id, { reviewId: row.id, termStartYear: input.termStartYear, year: input.year, reviewed: entries.length, proposed: proposals.length, applied: null })],
      });
      return view;
    });
  });
