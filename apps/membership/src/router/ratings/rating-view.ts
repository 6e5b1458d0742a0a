// The rating view (its schema: packages/contract-membership/src/ratings/rating-view.ts) from Prisma's
// QualityRating (generated from prisma/schema.prisma), and the loader that locks one rating.
import type { RatingView } from "@orgboard/contract-membership";
import { toIsoInstant } from "@orgboard/db";
import type { RatingLevel, RatingStage, RatingSubjectKind } from "../../domain/enums.js";
import type { RatingState } from "../../domain/rating.js";
import type { EitherReader } from "../../db/rows.js";
import type { QualityRating } from "../../generated/prisma/client.js";
import { bilingual } from "@orgboard/server-kit";
import { notFound } from "../errors.js";
import type { Tx } from "../records.js";

/** Every field of a rating (the raw list selects them by these names). */
export const RATING_FIELDS = ["id", "subjectKind", "memberId", "orgId", "orgPath", "year", "level", "stage", "locked", "updatedAt"] as const satisfies readonly (keyof QualityRating)[];

/** A rating as Prisma or the raw list reads it. */
export type RatingRow = EitherReader<Pick<QualityRating, (typeof RATING_FIELDS)[number]>>;

export const ratingView = (r: RatingRow): RatingView => ({
  id: r.id,
  subjectKind: r.subjectKind as RatingSubjectKind,
  memberId: r.memberId,
  orgId: r.orgId,
  orgPath: r.orgPath,
  year: r.year,
  level: r.level as RatingLevel,
  stage: r.stage as RatingStage,
  locked: r.locked,
  updatedAt: toIsoInstant(r.updatedAt),
});

export const ratingState = (r: QualityRating): RatingState => ({
  subjectKind: r.subjectKind as RatingSubjectKind,
  subjectId: r.memberId ?? r.orgId ?? 0,
  year: r.year,
  stage: r.stage as RatingStage,
  level: r.level as RatingLevel,
});

/** The one answer for a rating that does not exist AND for one outside the caller's scope (#9 finding 5). */
export const notFoundRating = () => notFound("id", bilingual("không có kết quả xếp loại này trong phạm vi của bạn", "no such rating in your scope"));

/** The rating `id`, row-locked until commit (Prisma has no FOR UPDATE), or NOT_FOUND on "id". */
export async function loadRating(tx: Tx, id: number): Promise<QualityRating> {
  await tx.$executeRaw`SELECT 1 FROM quality_rating WHERE id = ${id} FOR UPDATE`;
  const row = await tx.qualityRating.findUnique({ where: { id } });
  if (!row) throw notFoundRating();
  return row;
}
