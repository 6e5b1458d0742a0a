// The yearly review of planning pools (rà soát, điều chỉnh quy hoạch hằng năm: "quy hoạch động và mở",
// Quy định 377-QĐ/TW, as QĐ 50 before it). The review proposes who leaves a pool and why; the officer
// applies the proposals (the committee decides; the service records). Reasons, in order:
// - age: no longer enough working time to serve the whole term (canServeFullTerm, QĐ 50);
// - discipline: barred from planning on the review day by a discipline (QĐ 80 periods, docs/personnel.md);
// - standard_not_met: the cadre's latest political-standard conclusion for planning, appointment or
//   nomination (admission is about non-members) up to the review day says "not met" (QĐ 50: "đương nhiên
//   đưa ra khỏi quy hoạch" on a negative conclusion; "the latest of these purposes" is our reading).
import type { IsoDate } from "@orgboard/locale-vi";
import type { Gender, ReviewReason } from "@orgboard/contract-personnel";
import { isBarred } from "./discipline.js";
import { canServeFullTerm, type Term } from "./planning.js";

export interface ReviewedPlace {
  entryId: string;
  postId: string;
  cadreId: string;
  term: Term;
  cadre: { birthDate: IsoDate; gender: Gender };
  bars: readonly { purpose: string; from: IsoDate; until: IsoDate }[];
  /** the cadre's conclusions, any order */
  conclusions: readonly { concludedOn: IsoDate; met: boolean; purpose: string }[];
}

// A type alias, not an interface: it is stored as JSON (pool_review.proposals), which wants an index signature.
export type ReviewProposal = {
  entryId: string;
  postId: string;
  cadreId: string;
  reason: ReviewReason;
};

/** The first reason this place should leave its pool on `reviewedOn`, or null to keep it. */
export function reviewReason(p: ReviewedPlace, reviewedOn: IsoDate): ReviewReason | null {
  if (!canServeFullTerm(p.cadre.birthDate, p.cadre.gender, p.term)) return "age";
  if (isBarred(p.bars, "planning", reviewedOn)) return "discipline";
  const latest = p.conclusions.filter((c) => c.purpose !== "admission" && c.concludedOn <= reviewedOn).reduce<{ concludedOn: IsoDate; met: boolean } | null>((a, c) => (a === null || c.concludedOn >= a.concludedOn ? c : a), null);
  if (latest && !latest.met) return "standard_not_met";
  return null;
}

/** The removals a review on `reviewedOn` proposes, in the places' order. */
export function reviewProposals(places: readonly ReviewedPlace[], reviewedOn: IsoDate): ReviewProposal[] {
  const out: ReviewProposal[] = [];
  for (const p of places) {
    const reason = reviewReason(p, reviewedOn);
    if (reason) out.push({ entryId: p.entryId, postId: p.postId, cadreId: p.cadreId, reason });
  }
  return out;
}

/** The review day must lie in the year reviewed. */
export const reviewDayInYear = (reviewedOn: IsoDate, year: number): boolean => reviewedOn.startsWith(`${year}-`);
