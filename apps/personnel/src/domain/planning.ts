// Planning pools (quy hoạch cán bộ): how many candidates per post and posts per candidate, age at
// planning, structure targets, and what takes someone out of a pool. Sources and confidence:
// docs/personnel.md, "Planning".
import { addYears, ageInYears, type IsoDate } from "@orgboard/locale-vi";
import type { Gender } from "@orgboard/contract-personnel";
import { refusal, type Refusal } from "./errors.js";
import { retirementDate } from "./retirement.js";

/** At most 3 cadres planned for one post (QĐ 50-QĐ/TW 2021; kept by QĐ 377-QĐ/TW 2025). */
export const MAX_CANDIDATES_PER_POST = 3;
/** Fewer than 2 candidates leaves a post under-covered (our reading of "at least two for each post"; unverified). */
export const MIN_CANDIDATES_PER_POST = 2;
/** One cadre planned for at most 3 posts at the same level (QĐ 50; QĐ 377). */
export const MAX_POSTS_PER_CANDIDATE = 3;

/** Structure targets of a pool (QĐ 50-QĐ/TW): women ≥ 25%, young cadres ≥ 15%; ethnic minorities "as fits the area" (no figure). */
export const STRUCTURE_TARGETS = { womenPercent: 25, youngPercent: 15, ethnicMinorityPercent: null } as const;

/** "Young": under 45 for posts at the Centre, under 40 for provincial and district ones (QĐ 50), counted at the term's start. */
export const YOUNG_AGE_LIMITS = { centre: 45, other: 40 } as const;
export function youngAgeLimit(orgPath: string): number {
  return orgPath === "/" ? YOUNG_AGE_LIMITS.centre : YOUNG_AGE_LIMITS.other;
}

export interface Term {
  termStartYear: number;
  termEndYear: number;
}

/** The term's first day as this service counts it: 1 January of its first year (congress dates vary). */
export const termStart = (t: Term): IsoDate => `${t.termStartYear}-01-01`;

/**
 * Enough working time left to serve the whole term: retirement not before the term's end, counted from its
 * start (QĐ 50: a cadre planned for the next term must be young enough to serve at least one full term).
 */
export function canServeFullTerm(birthDate: IsoDate, gender: Gender, term: Term): boolean {
  const end = addYears(termStart(term), term.termEndYear - term.termStartYear);
  return retirementDate(birthDate, gender) >= end;
}

export interface PoolCandidate {
  cadreId: string;
  birthDate: IsoDate;
  gender: Gender;
  memberId: number | null;
}

export interface PoolFacts {
  post: Term & { orgPath: string; membersOnly: boolean };
  candidate: PoolCandidate;
  /** cadre ids active in this post's pool */
  activeCandidates: readonly string[];
  /** how many other posts at the same level and term this cadre is planned for */
  otherPostsSameLevel: number;
  /** barred from planning on `on` by a discipline */
  barred: boolean;
}

/** Why a cadre cannot enter a post's pool (empty: they can). */
export function poolRefusals(f: PoolFacts): Refusal[] {
  const out: Refusal[] = [];
  if (f.activeCandidates.includes(f.candidate.cadreId)) out.push(refusal("already_planned", "cadreId", "cán bộ đã có trong quy hoạch chức danh này", "the cadre is already planned for this post"));
  if (f.post.membersOnly && f.candidate.memberId === null) out.push(refusal("not_a_member", "cadreId", "chức danh này chỉ quy hoạch đảng viên", "only party members may be planned for this post"));
  if (f.activeCandidates.length >= MAX_CANDIDATES_PER_POST) out.push(refusal("pool_full", "postId", `mỗi chức danh quy hoạch không quá ${MAX_CANDIDATES_PER_POST} cán bộ`, `at most ${MAX_CANDIDATES_PER_POST} cadres may be planned for one post`));
  if (f.otherPostsSameLevel >= MAX_POSTS_PER_CANDIDATE) out.push(refusal("too_many_posts", "cadreId", `một cán bộ quy hoạch không quá ${MAX_POSTS_PER_CANDIDATE} chức danh cùng cấp`, `a cadre may be planned for at most ${MAX_POSTS_PER_CANDIDATE} posts at one level`));
  if (!canServeFullTerm(f.candidate.birthDate, f.candidate.gender, f.post)) out.push(refusal("age", "cadreId", "không đủ tuổi công tác trọn nhiệm kỳ", "not enough working years left to serve the full term"));
  if (f.barred) out.push(refusal("barred", "cadreId", "cán bộ đang trong thời gian không được quy hoạch do kỷ luật", "the cadre is barred from planning by a discipline"));
  return out;
}

export interface Ratio {
  count: number;
  percent: number | null;
  targetPercent: number | null;
  met: boolean | null;
}

/** Percent with one decimal, half up; null of nothing. */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

function ratio(count: number, whole: number, target: number | null): Ratio {
  const percent = percentOf(count, whole);
  return { count, percent, targetPercent: target, met: target === null || percent === null ? null : percent >= target };
}

export interface CoverageInput {
  /** each post of the term: its org path and the candidates active in its pool */
  posts: readonly { orgPath: string; candidates: readonly { cadreId: string; birthDate: IsoDate; gender: Gender; ethnicMinority: boolean }[] }[];
  termStartYear: number;
}

/**
 * Planning coverage: posts under-covered (fewer than MIN) and over-covered (more than MAX); structure of
 * the distinct candidates (a person planned for two posts counts once) against the targets. Young: by the
 * youngest limit of the posts they are planned for (45 at the Centre, else 40), at the term's start.
 */
export function coverage(input: CoverageInput) {
  const people = new Map<string, { birthDate: IsoDate; gender: Gender; ethnicMinority: boolean; limit: number }>();
  let underCovered = 0;
  let overCovered = 0;
  for (const post of input.posts) {
    if (post.candidates.length < MIN_CANDIDATES_PER_POST) underCovered++;
    if (post.candidates.length > MAX_CANDIDATES_PER_POST) overCovered++;
    for (const c of post.candidates) {
      const limit = youngAgeLimit(post.orgPath);
      const seen = people.get(c.cadreId);
      people.set(c.cadreId, { ...c, limit: Math.max(limit, seen?.limit ?? 0) });
    }
  }
  const start = `${input.termStartYear}-01-01`;
  const all = [...people.values()];
  return coverageOfCounts({
    posts: input.posts.length,
    underCovered,
    overCovered,
    candidates: all.length,
    women: all.filter((p) => p.gender === "female").length,
    young: all.filter((p) => ageInYears(p.birthDate, start) < p.limit).length,
    ethnicMinority: all.filter((p) => p.ethnicMinority).length,
  });
}

/** What `coverage` counts, as an aggregate query counts it (the route's SQL; the thresholds stay here). */
export interface CoverageCounts {
  posts: number;
  underCovered: number;
  overCovered: number;
  /** distinct cadres active in the posts' pools */
  candidates: number;
  women: number;
  young: number;
  ethnicMinority: number;
}

/** The coverage answer from its counts: the structure ratios against the targets. */
export function coverageOfCounts(n: CoverageCounts) {
  return {
    posts: n.posts,
    underCovered: n.underCovered,
    overCovered: n.overCovered,
    candidates: n.candidates,
    structure: {
      women: ratio(n.women, n.candidates, STRUCTURE_TARGETS.womenPercent),
      young: ratio(n.young, n.candidates, STRUCTURE_TARGETS.youngPercent),
      ethnicMinority: ratio(n.ethnicMinority, n.candidates, STRUCTURE_TARGETS.ethnicMinorityPercent),
    },
  };
}
