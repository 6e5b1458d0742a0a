import { z } from "zod";
import { REVIEW_REASONS } from "../enums.js";
import { bi, idSchema, isoDateSchema, orgPathSchema, yearSchema } from "../schemas.js";

/** One removal the review proposes. */
export const reviewProposalSchema = z.object({ entryId: z.string(), postId: z.string(), cadreId: z.string(), reason: z.enum(REVIEW_REASONS) });

/** (1.3) A yearly review (rà soát, bổ sung quy hoạch hằng năm, QĐ 377): who, when, what it found and applied. */
export const poolReviewViewSchema = z.object({
  reviewId: z.string(),
  orgPath: z.string(),
  termStartYear: z.number().int(),
  year: z.number().int(),
  reviewedOn: z.string(),
  reviewedBy: z.string(),
  /** active pool places reviewed */
  reviewed: z.number().int(),
  proposals: z.array(reviewProposalSchema),
  /** proposals applied (removed from the pool); null until applied */
  applied: z.number().int().nullable(),
  appliedOn: z.string().nullable(),
});

/** Reviews the pools of a subtree's posts for a term, for a year: records the review and proposes removals. */
export const reviewPoolInputSchema = z.object({ orgPath: orgPathSchema, termStartYear: yearSchema, year: yearSchema, reviewedOn: isoDateSchema });
export const reviewPoolOutputSchema = poolReviewViewSchema;

/** Applies a review's proposals (all, or the `entryIds` listed): each place removed with its reason. */
export const applyReviewInputSchema = z.object({
  reviewId: idSchema,
  entryIds: z.array(idSchema).max(5000, { message: bi("không quá 5000 vị trí", "at most 5000 places") }).optional(),
  appliedOn: isoDateSchema,
});
export const applyReviewOutputSchema = poolReviewViewSchema;
export type PoolReviewView = z.output<typeof poolReviewViewSchema>;
