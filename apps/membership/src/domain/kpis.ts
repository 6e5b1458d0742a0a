// The figures of the yearly party-building report, defined once as pure functions over plain records.
// They are the reference the SQL report is tested against: each definition (with its Vietnamese official
// wording) is in docs/kpis.md. Conventions shared by every figure:
// - scope: an organization path P; a record is in scope when its orgPath starts with P (the subtree,
//   P itself included), exactly the `org_path LIKE P || '%'` of 0001;
// - "in year Y": the record's date d satisfies Y-01-01 ≤ d ≤ Y-12-31;
// - "at date D" (a stock): a membership period [startedOn, endedOn) counts when startedOn ≤ D < endedOn
//   (endedOn null = still open). "Members at 31/12/Y" uses D = Y-12-31.
import { endOfYear, yearOf, type IsoDate } from "@orgboard/locale-vi";
import {
  BADGE_YEARS,
  ORG_KINDS,
  RATING_LEVELS,
  REMOVAL_KINDS,
  type BadgeYears,
  type OrgKind,
  type ProbationOutcome,
  type RatingLevel,
  type RatingStage,
  type RatingSubjectKind,
  type RemovalKind,
  type TransferKind,
  type TransferStatus,
} from "./enums.js";
import { isInSubtree } from "./org-tree.js";

type Id = string | number;

export interface OrgRecord {
  path: string;
  kind: OrgKind;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
}
export interface MembershipPeriodRecord {
  memberId: Id;
  orgPath: string;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
}
export interface AdmissionRecord {
  memberId: Id;
  orgPath: string;
  /** ngày vào Đảng: the admission ceremony */
  admittedOn: IsoDate;
  outcome: ProbationOutcome | null;
  /** date of the decision on the outcome */
  outcomeOn: IsoDate | null;
}
export interface PartyCardRecord {
  memberId: Id;
  orgPath: string;
  issuedOn: IsoDate;
}
export interface TransferRecord {
  memberId: Id;
  kind: TransferKind;
  status: TransferStatus;
  fromOrgPath: string | null;
  toOrgPath: string | null;
  issuedOn: IsoDate | null;
  receivedOn: IsoDate | null;
}
export interface BadgeAwardRecord {
  memberId: Id;
  orgPath: string;
  years: BadgeYears;
  proposedOn: IsoDate;
  awardedOn: IsoDate | null;
}
export interface RatingRecord {
  subjectKind: RatingSubjectKind;
  subjectId: Id;
  orgPath: string;
  year: number;
  level: RatingLevel;
  stage: RatingStage;
}
export interface TargetRecord {
  orgPath: string;
  year: number;
  admissionsPlan: number;
}
export interface RemovalRecord {
  memberId: Id;
  orgPath: string;
  kind: RemovalKind;
  removedOn: IsoDate;
}
export interface DeathRecord {
  memberId: Id;
  orgPath: string;
  diedOn: IsoDate;
}

/** A ratio kept exact: compare numerator/denominator, not the rounded percentage. */
export interface Ratio {
  numerator: number;
  /** null when there is no base (no plan, no members) */
  denominator: number | null;
  /** numerator / denominator, or null when the denominator is null or 0 */
  value: number | null;
}

export function ratio(numerator: number, denominator: number | null): Ratio {
  return { numerator, denominator, value: denominator === null || denominator === 0 ? null : numerator / denominator };
}

/**
 * The ratio as a percentage rounded half up to `decimals` places, computed exactly in integers (reports
 * print 96,1% or 4,12%). Null when undefined.
 */
export function percent(r: Ratio, decimals = 2): number | null {
  if (r.denominator === null || r.denominator === 0) return null;
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(r.numerator) * 100n * scale;
  const den = BigInt(r.denominator);
  const sign = num < 0n !== den < 0n ? -1n : 1n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const rounded = (2n * a + b) / (2n * b); // half up, on magnitudes
  return Number(sign * rounded) / Number(scale);
}

const inYear = (date: IsoDate | null, year: number) => date !== null && yearOf(date) === year;
const inScope = (path: string | null, scope: string) => path !== null && isInSubtree(path, scope);

// ---- Stocks ------------------------------------------------------------------------------------------

/** Tổng số đảng viên at date D: distinct members with a membership period in scope covering D. */
export function membersAt(periods: readonly MembershipPeriodRecord[], scope: string, date: IsoDate): number {
  const ids = new Set<string>();
  for (const p of periods) {
    if (inScope(p.orgPath, scope) && p.startedOn <= date && (p.endedOn === null || p.endedOn > date)) ids.add(String(p.memberId));
  }
  return ids.size;
}

/** Members at 31/12 of year Y. */
export function membersAtEndOfYear(periods: readonly MembershipPeriodRecord[], scope: string, year: number): number {
  return membersAt(periods, scope, endOfYear(year));
}

// ---- Admission ---------------------------------------------------------------------------------------

/** Số đảng viên kết nạp trong năm: admissions whose ceremony date is in Y. */
export function admissionsInYear(admissions: readonly AdmissionRecord[], scope: string, year: number): number {
  return admissions.filter((a) => inScope(a.orgPath, scope) && inYear(a.admittedOn, year)).length;
}

/** The admissions plan of the scope organization itself for Y (not summed over the subtree), or null. */
export function admissionsPlan(targets: readonly TargetRecord[], scope: string, year: number): number | null {
  return targets.find((t) => t.orgPath === scope && t.year === year)?.admissionsPlan ?? null;
}

/** Tỷ lệ đạt chỉ tiêu kết nạp: admissions in Y / plan for Y. */
export function admissionPlanRatio(admissions: readonly AdmissionRecord[], targets: readonly TargetRecord[], scope: string, year: number): Ratio {
  return ratio(admissionsInYear(admissions, scope, year), admissionsPlan(targets, scope, year));
}

/** Tỷ lệ kết nạp đảng viên mới: admissions in Y / members at 31/12/(Y−1). */
export function admissionRate(
  admissions: readonly AdmissionRecord[],
  periods: readonly MembershipPeriodRecord[],
  scope: string,
  year: number,
): Ratio {
  return ratio(admissionsInYear(admissions, scope, year), membersAtEndOfYear(periods, scope, year - 1));
}

/** Số đảng viên được công nhận chính thức trong năm: recognized, decision dated in Y. */
export function madeOfficialInYear(admissions: readonly AdmissionRecord[], scope: string, year: number): number {
  return admissions.filter((a) => inScope(a.orgPath, scope) && a.outcome === "recognized" && inYear(a.outcomeOn, year)).length;
}

/** Probationary members not recognized (struck off the probationary list), decision dated in Y. */
export function notRecognizedInYear(admissions: readonly AdmissionRecord[], scope: string, year: number): number {
  return admissions.filter((a) => inScope(a.orgPath, scope) && a.outcome === "not_recognized" && inYear(a.outcomeOn, year)).length;
}

// ---- Cards, transfers, badges, departures --------------------------------------------------------------

/** Số thẻ đảng viên đã phát: cards issued in Y (first issues and reissues alike). */
export function cardsIssuedInYear(cards: readonly PartyCardRecord[], scope: string, year: number): number {
  return cards.filter((c) => inScope(c.orgPath, scope) && inYear(c.issuedOn, year)).length;
}

export interface TransferCounts {
  /** received in Y into the scope from outside it (or from outside the system) */
  in: number;
  /** issued in Y from the scope to outside it (or outside the system), not rejected or cancelled */
  out: number;
}

/**
 * Chuyển sinh hoạt đảng đến / đi in Y, of one kind (official by default). Moves inside the scope are
 * neither in nor out.
 */
export function transfersInYear(transfers: readonly TransferRecord[], scope: string, year: number, kind: TransferKind = "official"): TransferCounts {
  let countIn = 0;
  let countOut = 0;
  for (const t of transfers) {
    if (t.kind !== kind) continue;
    const fromInside = inScope(t.fromOrgPath, scope);
    const toInside = inScope(t.toOrgPath, scope);
    if (toInside && !fromInside && (t.status === "received" || t.status === "returned") && inYear(t.receivedOn, year)) countIn++;
    if (fromInside && !toInside && (t.status === "issued" || t.status === "received" || t.status === "returned") && inYear(t.issuedOn, year)) countOut++;
  }
  return { in: countIn, out: countOut };
}

export type BadgeCounts = { total: number } & Record<BadgeYears, number>;

function badgeCounts(badges: readonly BadgeAwardRecord[], keep: (b: BadgeAwardRecord) => boolean): BadgeCounts {
  const out = { total: 0 } as BadgeCounts;
  for (const y of BADGE_YEARS) out[y] = 0;
  for (const b of badges) {
    if (!keep(b)) continue;
    out[b.years]++;
    out.total++;
  }
  return out;
}

/** Huy hiệu Đảng trao tặng trong năm, by level: awarded (decision) in Y. */
export function badgesAwardedInYear(badges: readonly BadgeAwardRecord[], scope: string, year: number): BadgeCounts {
  return badgeCounts(badges, (b) => inScope(b.orgPath, scope) && inYear(b.awardedOn, year));
}

/** Badges proposed in Y (đề nghị tặng), by level. */
export function badgesProposedInYear(badges: readonly BadgeAwardRecord[], scope: string, year: number): BadgeCounts {
  return badgeCounts(badges, (b) => inScope(b.orgPath, scope) && inYear(b.proposedOn, year));
}

export type RemovalCounts = { total: number } & Record<RemovalKind, number>;

/** Đảng viên ra khỏi Đảng in Y, by kind (khai trừ, xóa tên, cho ra khỏi Đảng). */
export function removalsInYear(removals: readonly RemovalRecord[], scope: string, year: number): RemovalCounts {
  const out = { total: 0 } as RemovalCounts;
  for (const k of REMOVAL_KINDS) out[k] = 0;
  for (const r of removals) {
    if (!inScope(r.orgPath, scope) || !inYear(r.removedOn, year)) continue;
    out[r.kind]++;
    out.total++;
  }
  return out;
}

/** Đảng viên từ trần in Y. */
export function deathsInYear(deaths: readonly DeathRecord[], scope: string, year: number): number {
  return deaths.filter((d) => inScope(d.orgPath, scope) && inYear(d.diedOn, year)).length;
}

// ---- Ratings -----------------------------------------------------------------------------------------

export type RatingDistribution = Record<RatingLevel, number> & {
  /** subjects rated (approved ratings) */
  total: number;
  /** excellent + good */
  goodOrBetter: number;
  /** tỷ lệ từ hoàn thành tốt nhiệm vụ trở lên = goodOrBetter / total */
  goodOrBetterShare: Ratio;
  /** excellent / good, the figure the 20% cap is about */
  excellentToGood: Ratio;
};

/** Kết quả xếp loại in Y of members or organizations in scope: approved ratings only. */
export function ratingDistribution(ratings: readonly RatingRecord[], scope: string, year: number, subjectKind: RatingSubjectKind): RatingDistribution {
  const counts = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  let total = 0;
  for (const r of ratings) {
    if (r.subjectKind !== subjectKind || r.year !== year || r.stage !== "approved" || !inScope(r.orgPath, scope)) continue;
    counts[r.level]++;
    total++;
  }
  const goodOrBetter = counts.excellent + counts.good;
  return { ...counts, total, goodOrBetter, goodOrBetterShare: ratio(goodOrBetter, total), excellentToGood: ratio(counts.excellent, counts.good) };
}

// ---- Structure ---------------------------------------------------------------------------------------

export type StructureCounts = Record<OrgKind, number> & {
  /** tổ chức cơ sở đảng = grassroots committees + grassroots cells */
  grassrootsOrganizations: number;
  /** chi bộ trực thuộc đảng ủy bộ phận (subset of subordinate_cell) */
  subordinateCellsUnderPartial: number;
};

/** Organizations open at date D in scope (P itself included), by kind. Open: openedOn ≤ D < closedOn. */
export function structureCounts(orgs: readonly OrgRecord[], scope: string, date: IsoDate): StructureCounts {
  const open = orgs.filter((o) => inScope(o.path, scope) && o.openedOn <= date && (o.closedOn === null || o.closedOn > date));
  const kindByPath = new Map(orgs.map((o) => [o.path, o.kind]));
  const counts = Object.fromEntries(ORG_KINDS.map((k) => [k, 0])) as Record<OrgKind, number>;
  let underPartial = 0;
  for (const o of open) {
    counts[o.kind]++;
    if (o.kind === "subordinate_cell") {
      const parentPath = o.path.slice(0, o.path.slice(0, -1).lastIndexOf("/") + 1);
      if (kindByPath.get(parentPath) === "partial_committee") underPartial++;
    }
  }
  return { ...counts, grassrootsOrganizations: counts.grassroots_committee + counts.grassroots_cell, subordinateCellsUnderPartial: underPartial };
}

// ---- The whole report --------------------------------------------------------------------------------

export interface ReportRecords {
  orgs: readonly OrgRecord[];
  periods: readonly MembershipPeriodRecord[];
  admissions: readonly AdmissionRecord[];
  cards: readonly PartyCardRecord[];
  transfers: readonly TransferRecord[];
  badges: readonly BadgeAwardRecord[];
  ratings: readonly RatingRecord[];
  targets: readonly TargetRecord[];
  removals: readonly RemovalRecord[];
  deaths: readonly DeathRecord[];
}

export interface AnnualReport {
  orgPath: string;
  year: number;
  /** at 31/12/(Y−1) */
  membersAtStart: number;
  /** at 31/12/Y */
  membersAtEnd: number;
  admissions: number;
  admissionsPlan: number | null;
  planAchievement: Ratio;
  admissionRate: Ratio;
  madeOfficial: number;
  notRecognized: number;
  cardsIssued: number;
  transfers: TransferCounts;
  temporaryTransfers: TransferCounts;
  badgesAwarded: BadgeCounts;
  badgesProposed: BadgeCounts;
  removals: RemovalCounts;
  deaths: number;
  memberRatings: RatingDistribution;
  orgRatings: RatingDistribution;
  /** structure at 31/12/Y */
  structure: StructureCounts;
}

/** Every figure of the yearly report for a subtree: the reference for the SQL report. */
export function annualReport(records: ReportRecords, scope: string, year: number): AnnualReport {
  return {
    orgPath: scope,
    year,
    membersAtStart: membersAtEndOfYear(records.periods, scope, year - 1),
    membersAtEnd: membersAtEndOfYear(records.periods, scope, year),
    admissions: admissionsInYear(records.admissions, scope, year),
    admissionsPlan: admissionsPlan(records.targets, scope, year),
    planAchievement: admissionPlanRatio(records.admissions, records.targets, scope, year),
    admissionRate: admissionRate(records.admissions, records.periods, scope, year),
    madeOfficial: madeOfficialInYear(records.admissions, scope, year),
    notRecognized: notRecognizedInYear(records.admissions, scope, year),
    cardsIssued: cardsIssuedInYear(records.cards, scope, year),
    transfers: transfersInYear(records.transfers, scope, year, "official"),
    temporaryTransfers: transfersInYear(records.transfers, scope, year, "temporary"),
    badgesAwarded: badgesAwardedInYear(records.badges, scope, year),
    badgesProposed: badgesProposedInYear(records.badges, scope, year),
    removals: removalsInYear(records.removals, scope, year),
    deaths: deathsInYear(records.deaths, scope, year),
    memberRatings: ratingDistribution(records.ratings, scope, year, "member"),
    orgRatings: ratingDistribution(records.ratings, scope, year, "organization"),
    structure: structureCounts(records.orgs, scope, endOfYear(year)),
  };
}

/**
 * Data check for the stock figures: one member's periods must not overlap (a member is in one cell at a
 * time). Returns the member ids with overlapping periods.
 */
export function overlappingPeriods(periods: readonly MembershipPeriodRecord[]): Id[] {
  const byMember = new Map<string, MembershipPeriodRecord[]>();
  for (const p of periods) {
    const list = byMember.get(String(p.memberId));
    if (list) list.push(p);
    else byMember.set(String(p.memberId), [p]);
  }
  const bad: Id[] = [];
  for (const list of byMember.values()) {
    const sorted = [...list].sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0));
    for (let i = 0; i + 1 < sorted.length; i++) {
      const cur = sorted[i]!;
      if (cur.endedOn === null || cur.endedOn > sorted[i + 1]!.startedOn) {
        bad.push(cur.memberId);
        break;
      }
    }
  }
  return bad;
}
