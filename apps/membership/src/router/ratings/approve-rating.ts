import { membershipContract } from "@orgboard/contract-membership";
import type { Sql } from "../../db/sql.js";
import type { RatingLevel, RatingStage, RatingSubjectKind } from "../../domain/enums.js";
import { GRASSROOTS_ORG_KINDS } from "../../domain/enums.js";
import { checkExcellentCapForGroup, transitionRating } from "../../domain/rating.js";
import { check } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { Params, inSubtrees } from "../sql.js";
import { RATING_COLUMNS, loadRating, ratingState, ratingView, type RatingRow } from "./rating-view.js";

const c = membershipContract.procedures;

interface GroupRating {
  subjectKind: RatingSubjectKind;
  subjectId: number;
  stage: RatingStage;
  level: RatingLevel;
}

/** Every ancestor path of an org path, the path itself included ("/01/a/" → "/01/", "/01/a/"). */
function ancestorPaths(path: string): string[] {
  const segments = path.split("/").filter(Boolean);
  return segments.map((_, i) => `/${segments.slice(0, i + 1).join("/")}/`);
}

/**
 * The comparable group of a rating (Quy định 124, Art. 12: "in each group of comparable subjects"):
 * members are compared within their grassroots organization (tổ chức cơ sở đảng; the cell itself when it
 * has none above it); organizations with their siblings under the same parent. Returns the group's
 * approved ratings for the year (this one excluded) and a key for the lock serializing approvals.
 */
async function comparableGroup(tx: Sql, r: RatingRow): Promise<{ path: string; lockKey: string; ratings: GroupRating[] }> {
  if (r.subject_kind === "member") {
    const { rows } = await tx.query<{ path: string }>(
      `SELECT path FROM party_organization WHERE path = ANY($1::text[]) AND kind = ANY($2::text[]) ORDER BY depth DESC LIMIT 1`,
      [ancestorPaths(r.org_path), [...GRASSROOTS_ORG_KINDS]],
    );
    const path = rows[0]?.path ?? r.org_path;
    const p = new Params();
    const { rows: group } = await tx.query<{ member_id: number; level: RatingLevel }>(
      `SELECT member_id, level FROM quality_rating WHERE subject_kind = 'member' AND stage = 'approved' AND year = ${p.add(r.year)}::int
          AND id <> ${p.add(r.id)}::int AND ${inSubtrees("org_path", [path], p)}`,
      p.values,
    );
    return { path, lockKey: `member:${path}:${r.year}`, ratings: group.map((g) => ({ subjectKind: "member", subjectId: g.member_id, stage: "approved", level: g.level })) };
  }
  const { rows: parent } = await tx.query<{ parent_id: number | null; parent_path: string | null }>(
    `SELECT o.parent_id, pa.path AS parent_path FROM party_organization o LEFT JOIN party_organization pa ON pa.id = o.parent_id WHERE o.id = $1`,
    [r.org_id],
  );
  const parentId = parent[0]?.parent_id ?? null;
  const { rows: group } = await tx.query<{ org_id: number; level: RatingLevel }>(
    `SELECT q.org_id, q.level FROM quality_rating q JOIN party_organization o ON o.id = q.org_id
      WHERE q.subject_kind = 'organization' AND q.stage = 'approved' AND q.year = $1 AND q.id <> $2 AND o.parent_id IS NOT DISTINCT FROM $3::int`,
    [r.year, r.id, parentId],
  );
  const path = parent[0]?.parent_path ?? "/";
  return { path, lockKey: `organization:${path}:${r.year}`, ratings: group.map((g) => ({ subjectKind: "organization", subjectId: g.org_id, stage: "approved", level: g.level })) };
}

/**
 * The competent committee's decision on a rating: final and locked. The excellent cap (at most 20% of
 * the number rated good, in the comparable group) is checked here, over the group's approved ratings,
 * under a lock so that two concurrent approvals cannot both take the last place.
 */
export const approveRatingRoute = procedure("membership.ratings.approve")
  .input(c.ratings.approve.input)
  .output(c.ratings.approve.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const before = await loadRating(tx, input.id);
      ctx.assertCan({ orgPath: before.org_path });
      const next = check(transitionRating(ratingState(before), { toStage: "approved", level: input.level }), "CONFLICT", { stage: "id", toStage: "id" });
      const group = await comparableGroup(tx, before);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`membership.rating-cap:${group.lockKey}`]);
      // Re-read after taking the lock: an approval that committed meanwhile counts.
      const locked = await comparableGroup(tx, before);
      const cap = check(
        checkExcellentCapForGroup(locked.ratings, { subjectKind: before.subject_kind, subjectId: before.member_id ?? before.org_id ?? 0, stage: "approved", level: next.level }, { fromStage: "approved", allowExceed: input.capExceptionDecision !== undefined }),
        "CONFLICT",
      );
      const { rows } = await tx.query<RatingRow>(
        `UPDATE quality_rating AS r SET stage = 'approved', level = $2, locked = true, updated_at = now() WHERE r.id = $1 RETURNING ${RATING_COLUMNS}`,
        [before.id, next.level],
      );
      const view = ratingView(rows[0]!);
      return {
        result: { ...view, capGroup: { path: locked.path, excellent: cap.excellent, good: cap.good, maxExcellent: cap.maxExcellent } },
        change: { entity: "QualityRating", entityId: view.id, orgPath: view.orgPath, before: ratingView(before), after: { ...view, capExceptionDecision: input.capExceptionDecision ?? null } },
        events: [membershipEvent("membership.rating.approved", view.orgPath, view.id, { ratingId: view.id, subjectKind: view.subjectKind, year: view.year, level: view.level, previousLevel: null })],
      };
    }),
  );
