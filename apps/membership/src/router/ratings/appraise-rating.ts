import { membershipContract } from "@orgboard/contract-membership";
import { transitionRating } from "../../domain/rating.js";
import { check } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { RATING_COLUMNS, loadRating, ratingState, ratingView, type RatingRow } from "./rating-view.js";

const c = membershipContract.procedures;

/** Appraisal and proposal (thẩm định, đề xuất): moves a self-assessment on, or changes the proposed level. */
export const appraiseRatingRoute = procedure("membership.ratings.appraise")
  .input(c.ratings.appraise.input)
  .output(c.ratings.appraise.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const before = await loadRating(tx, input.id);
      ctx.assertCan({ orgPath: before.org_path });
      const next = check(transitionRating(ratingState(before), { toStage: "appraisal", level: input.level }), "CONFLICT", { stage: "id", toStage: "id" });
      const { rows } = await tx.query<RatingRow>(
        `UPDATE quality_rating AS r SET stage = $2, level = $3, updated_at = now() WHERE r.id = $1 RETURNING ${RATING_COLUMNS}`,
        [before.id, next.stage, next.level],
      );
      const view = ratingView(rows[0]!);
      return {
        result: view,
        change: { entity: "QualityRating", entityId: view.id, orgPath: view.orgPath, before: ratingView(before), after: view },
        events: [membershipEvent("membership.rating.appraised", view.orgPath, view.id, { ratingId: view.id, subjectKind: view.subjectKind, year: view.year, level: view.level, stage: view.stage })],
      };
    }),
  );
