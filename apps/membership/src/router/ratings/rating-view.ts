import type { RatingView } from "@orgboard/contract-membership";
import type { Sql } from "../../db/sql.js";
import type { RatingLevel, RatingStage, RatingSubjectKind } from "../../domain/enums.js";
import type { RatingState } from "../../domain/rating.js";
import { notFound } from "../errors.js";
import { instant } from "../records.js";

export interface RatingRow {
  id: number;
  subject_kind: RatingSubjectKind;
  member_id: number | null;
  org_id: number | null;
  org_path: string;
  year: number;
  level: RatingLevel;
  stage: RatingStage;
  locked: boolean;
  updated_at: Date | string;
}

export const RATING_COLUMNS = "r.id, r.subject_kind, r.member_id, r.org_id, r.org_path, r.year, r.level, r.stage, r.locked, r.updated_at";

export const ratingView = (r: RatingRow): RatingView => ({
  id: r.id,
  subjectKind: r.subject_kind,
  memberId: r.member_id,
  orgId: r.org_id,
  orgPath: r.org_path,
  year: r.year,
  level: r.level,
  stage: r.stage,
  locked: r.locked,
  updatedAt: instant(r.updated_at),
});

export const ratingState = (r: RatingRow): RatingState => ({
  subjectKind: r.subject_kind,
  subjectId: r.member_id ?? r.org_id ?? 0,
  year: r.year,
  stage: r.stage,
  level: r.level,
});

export async function loadRating(tx: Sql, id: number): Promise<RatingRow> {
  const { rows } = await tx.query<RatingRow>(`SELECT ${RATING_COLUMNS} FROM quality_rating r WHERE r.id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound("id", `no rating has the id ${id}`);
  return rows[0];
}
