import { membershipContract } from "@orgboard/contract-membership";
import { recordCallerChange } from "@orgboard/events";
import type { RatingLevel, RatingSubjectKind } from "../../domain/enums.js";
import { GRASSROOTS_ORG_KINDS } from "../../domain/enums.js";
import { checkExcellentCapForGroup, transitionRating } from "../../domain/rating.js";
import type { QualityRating } from "../../generated/prisma/client.js";
import { check } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import type { Tx } from "../records.js";
import { loadRating, ratingState, ratingView, notFoundRating } from "./rating-view.js";

const c = membershipContract.procedures;

interface GroupRating {
  subjectKind: RatingSubjectKind;
  subjectId: number;
  stage: "approved";
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
async function comparableGroup(tx: Tx, r: QualityRating): Promise<{ path: string; lockKey: string; ratings: GroupRating[] }> {
  const approved = { stage: "approved", year: r.year, id: { not: r.id } };
  if (r.subjectKind === "member") {
    const grassroots = await tx.partyOrganization.findFirst({
      where: { path: { in: ancestorPaths(r.orgPath) }, kind: { in: [...GRASSROOTS_ORG_KINDS] } },
      orderBy: { depth: "desc" },
      select: { path: true },
    });
    const path = grassroots?.path ?? r.orgPath;
    const group = await tx.qualityRating.findMany({ where: { ...approved, subjectKind: "member", orgPath: { startsWith: path } }, select: { memberId: true, level: true } });
    return { path, lockKey: `member:${path}:${r.year}`, ratings: group.map((g) => ({ subjectKind: "member", subjectId: g.memberId ?? 0, stage: "approved", level: g.level as RatingLevel })) };
  }
  const org = r.orgId === null ? null : await tx.partyOrganization.findUnique({ where: { id: r.orgId }, select: { parentId: true, parent: { select: { path: true } } } });
  const parentId = org?.parentId ?? null;
  const siblings = await tx.partyOrganization.findMany({ where: { parentId }, select: { id: true } });
  const group = await tx.qualityRating.findMany({ where: { ...approved, subjectKind: "organization", orgId: { in: siblings.map((s) => s.id) } }, select: { orgId: true, level: true } });
  const path = org?.parent?.path ?? "/";
  return { path, lockKey: `organization:${path}:${r.year}`, ratings: group.map((g) => ({ subjectKind: "organization", subjectId: g.orgId ?? 0, stage: "approved", level: g.level as RatingLevel })) };
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
    ctx.prisma.$transaction(async (tx) => {
      const before = await loadRating(tx, input.id);
      assertInScope(ctx, before.orgPath, notFoundRating);
      const state = ratingState(before);
      const next = check(transitionRating(state, { toStage: "approved", level: input.level }), "CONFLICT", { stage: "id", toStage: "id" });
      const group = await comparableGroup(tx, before);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`membership.rating-cap:${group.lockKey}`}))`;
      // Re-read after taking the lock: an approval that committed meanwhile counts.
      const locked = await comparableGroup(tx, before);
      const cap = check(
        checkExcellentCapForGroup(locked.ratings, { subjectKind: state.subjectKind, subjectId: state.subjectId, stage: "approved", level: next.level }, { fromStage: "approved", allowExceed: input.capExceptionDecision !== undefined }),
        "CONFLICT",
      );
      const view = ratingView(await tx.qualityRating.update({ where: { id: before.id }, data: { stage: "approved", level: next.level, locked: true } }));
      await recordCallerChange(tx, ctx, {
        entity: "QualityRating",
        entityId: view.id,
        orgPath: view.orgPath,
        before: ratingView(before),
        after: { ...view, capExceptionDecision: input.capExceptionDecision ?? null },
        events: [membershipEvent("membership.rating.approved", view.orgPath, view.id, { ratingId: view.id, subjectKind: view.subjectKind, year: view.year, level: view.level, previousLevel: null })],
      });
      return { ...view, capGroup: { path: locked.path, excellent: cap.excellent, good: cap.good, maxExcellent: cap.maxExcellent } };
    }),
  );
