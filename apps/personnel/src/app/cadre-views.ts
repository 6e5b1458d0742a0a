// Views of pers-cadres' records (#13): rotations, pool reviews, surplus cases; and the calendar year as a
// date range for the boards' yearly figures.
import type { PoolReviewView, RotationView, SurplusCaseView } from "@orgboard/contract-personnel";
import type { PoolReview, Rotation, SurplusCase } from "../generated/prisma/client.js";
import { rotationStatus } from "../domain/index.js";
import { fromDbDate, fromDbDateOrNull, toDbDate } from "./dates.js";

export const yearRange = (year: number) => ({ gte: toDbDate(`${year}-01-01`), lt: toDbDate(`${year + 1}-01-01`) });

export function toRotationView(r: Rotation, fullName: string, today: string): RotationView {
  const startOn = fromDbDate(r.startOn);
  const completedOn = fromDbDateOrNull(r.completedOn);
  return {
    rotationId: r.id,
    cadreId: r.cadreId,
    fullName,
    kind: r.kind as RotationView["kind"],
    fromOrgPath: r.fromOrgPath,
    fromPostId: r.fromPostId,
    toOrgPath: r.toOrgPath,
    toPostId: r.toPostId,
    startOn,
    plannedEndOn: fromDbDate(r.plannedEndOn),
    status: rotationStatus({ startOn, completedOn }, today),
    completedOn,
    completion: r.completion as RotationView["completion"],
  };
}

export function toPoolReviewView(r: PoolReview): PoolReviewView {
  return {
    reviewId: r.id,
    orgPath: r.orgPath,
    termStartYear: r.termStartYear,
    year: r.year,
    reviewedOn: fromDbDate(r.reviewedOn),
    reviewedBy: r.reviewedBy,
    reviewed: r.reviewed,
    proposals: r.proposals as PoolReviewView["proposals"],
    applied: r.applied,
    appliedOn: fromDbDateOrNull(r.appliedOn),
  };
}

export function toSurplusView(c: SurplusCase, fullName: string): SurplusCaseView {
  return {
    caseId: c.id,
    cadreId: c.cadreId,
    fullName,
    sourceOrgPath: c.orgPath,
    mergedOn: fromDbDate(c.mergedOn),
    status: c.status as SurplusCaseView["status"],
    policy: c.policy as SurplusCaseView["policy"],
    policyOn: fromDbDateOrNull(c.policyOn),
    toOrgPath: c.toOrgPath,
    closedOn: fromDbDateOrNull(c.closedOn),
    note: c.note,
  };
}
