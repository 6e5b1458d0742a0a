import { membershipContract } from "@orgboard/contract-membership";
import { recordCallerChange } from "@orgboard/events";
import { transitionRating } from "../../domain/rating.js";
import { check } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { loadRating, ratingState, ratingView, notFoundRating } from "./rating-view.js";

const c = membershipContract.procedures;

/** Appraisal and proposal (thẩm định, đề xuất): moves a self-assessment on, or changes the proposed level. */
export const appraiseRatingRoute = procedure("membership.ratings.appraise")
  .input(c.ratings.appraise.input)
  .output(c.ratings.appraise.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const before = await loadRating(tx, input.id);
      assertInScope(ctx, before.orgPath, notFoundRating);
      const next = check(transitionRating(ratingState(before), { toStage: "appraisal", level: input.level }), "CONFLICT", { stage: "id", toStage: "id" });
      const view = ratingView(await tx.qualityRating.update({ where: { id: before.id }, data: { stage: next.stage, level: next.level } }));
      await recordCallerChange(tx, ctx, {
        entity: "QualityRating",
        entityId: view.id,
        orgPath: view.orgPath,
        before: ratingView(before),
        after: view,
        events: [membershipEvent("membership.rating.appraised", view.orgPath, view.id, { ratingId: view.id, subjectKind: view.subjectKind, year: view.year, level: view.level, stage: view.stage })],
      });
      return view;
    }),
  );
