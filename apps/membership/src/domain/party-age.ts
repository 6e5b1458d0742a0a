// Party age (tuổi đảng) and the party-age badge (Huy hiệu Đảng).
// - Điều lệ Đảng Art. 5.4: once recognized as official, party age counts from the date written in the
//   admission decision, minus the time not taking part in party life.
// - Quy định thi hành Điều lệ (24-QĐ/TW 2021, point 4.5): counted from the date the competent committee
//   signed the admission decision; time without party life = expulsion, striking off, loss of contact,
//   interruption through a transfer. A readmitted member counts from the FIRST admission decision, minus
//   those periods.
// - Hướng dẫn 01-HD/TW (2021), point 18: badges for 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 years;
//   a seriously ill member may get 30–65 up to 12 months early and 70–90 up to 24 months early; a deceased
//   member may be awarded posthumously up to 12 months early. Awards are presented on 3/2, 19/5, 2/9, 7/11.
import { addDays, addMonths, completedMonths, daysBetween, isIsoDate, toIsoDate, yearOf, type IsoDate } from "@orgboard/locale-vi";
import { BADGE_YEARS, type BadgeCircumstance, type BadgeYears, type MemberStatus } from "./enums.js";
import { both, fail, ok, violation, type Result, type Violation } from "./result.js";

/** A period without party life, [from, to): `to` = the day party life resumed; null = not (yet) resumed. */
export interface Interruption {
  from: IsoDate;
  to: IsoDate | null;
}

export interface PartyAgeFacts {
  /** date the competent committee signed the (latest) admission decision */
  admissionDecisionOn: IsoDate;
  /** for a readmitted member: the date of the first admission decision */
  firstAdmissionDecisionOn?: IsoDate | null;
  /** date recognized as official; null while probationary (no party age yet) */
  officialOn: IsoDate | null;
  /** periods without party life, including the gap between leaving and being readmitted */
  interruptions?: readonly Interruption[];
}

export interface PartyAge {
  /** the date party age counts from */
  countsFrom: IsoDate;
  /** days deducted for interruptions up to the date */
  interruptedDays: number;
  years: number;
  /** whole months beyond `years` */
  months: number;
  totalMonths: number;
}

function checkFacts(facts: PartyAgeFacts): Violation[] {
  const out: Violation[] = [];
  if (!isIsoDate(facts.admissionDecisionOn)) out.push(violation("admissionDecisionOn", "invalid_date", both("admissionDecisionOn phải là ngày dạng yyyy-mm-dd", "admissionDecisionOn must be yyyy-mm-dd")));
  if (facts.firstAdmissionDecisionOn != null && !isIsoDate(facts.firstAdmissionDecisionOn)) {
    out.push(violation("firstAdmissionDecisionOn", "invalid_date", both("firstAdmissionDecisionOn phải là ngày dạng yyyy-mm-dd", "firstAdmissionDecisionOn must be yyyy-mm-dd")));
  }
  if (facts.officialOn !== null && !isIsoDate(facts.officialOn)) out.push(violation("officialOn", "invalid_date", both("officialOn phải là ngày dạng yyyy-mm-dd", "officialOn must be yyyy-mm-dd")));
  (facts.interruptions ?? []).forEach((p, i) => {
    if (!isIsoDate(p.from)) out.push(violation(`interruptions.${i}.from`, "invalid_date", both("from phải là ngày dạng yyyy-mm-dd", "from must be yyyy-mm-dd")));
    if (p.to !== null && !isIsoDate(p.to)) out.push(violation(`interruptions.${i}.to`, "invalid_date", both("to phải là ngày dạng yyyy-mm-dd", "to must be yyyy-mm-dd")));
    else if (p.to !== null && isIsoDate(p.from) && p.to < p.from) out.push(violation(`interruptions.${i}.to`, "ends_before_start", both(`${p.to} trước ${p.from}`, `${p.to} is before ${p.from}`)));
  });
  if (out.length > 0) return out;
  const start = facts.firstAdmissionDecisionOn ?? facts.admissionDecisionOn;
  if (facts.firstAdmissionDecisionOn != null && facts.firstAdmissionDecisionOn > facts.admissionDecisionOn) {
    out.push(violation("firstAdmissionDecisionOn", "after_latest_admission", both("lần kết nạp đầu không thể sau lần kết nạp gần nhất", "the first admission cannot be after the latest one")));
  }
  if (facts.officialOn !== null && facts.officialOn < facts.admissionDecisionOn) {
    out.push(violation("officialOn", "official_before_admission", both(`chính thức ngày ${facts.officialOn}, trước quyết định kết nạp ${facts.admissionDecisionOn}`, `official on ${facts.officialOn}, before the admission decision ${facts.admissionDecisionOn}`)));
  }
  const sorted = [...(facts.interruptions ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1));
  sorted.forEach((p, i) => {
    if (p.from < start) out.push(violation("interruptions", "before_admission", both(`thời gian gián đoạn bắt đầu ngày ${p.from}, trước khi tính tuổi đảng (${start})`, `an interruption starts on ${p.from}, before party age starts (${start})`)));
    const next = sorted[i + 1];
    if (next && (p.to === null || p.to > next.from)) out.push(violation("interruptions", "overlapping", both(`các thời gian gián đoạn chồng lên nhau quanh ngày ${next.from}`, `interruptions overlap around ${next.from}`)));
  });
  return out;
}

/** Days of interruption falling before `until` (exclusive). */
function interruptedDaysBefore(interruptions: readonly Interruption[], until: IsoDate): number {
  let days = 0;
  for (const p of interruptions) {
    if (p.from >= until) continue;
    const end = p.to === null || p.to > until ? until : p.to;
    days += daysBetween(p.from, end);
  }
  return days;
}

/**
 * Party age on a date. Interruptions are deducted by shifting the start date by their length in days,
 * then whole months are counted as for any age.
 */
export function partyAge(facts: PartyAgeFacts, on: IsoDate): Result<PartyAge> {
  const bad = checkFacts(facts);
  if (!isIsoDate(on)) bad.push(violation("on", "invalid_date", both("on phải là ngày dạng yyyy-mm-dd", "on must be yyyy-mm-dd")));
  if (bad.length > 0) return fail(bad);
  if (facts.officialOn === null || facts.officialOn > on) {
    return fail([violation("officialOn", "not_official", both("tuổi đảng chỉ được tính khi đảng viên đã được công nhận chính thức", "party age is counted only once the member is recognized as official"))]);
  }
  const countsFrom = facts.firstAdmissionDecisionOn ?? facts.admissionDecisionOn;
  const interruptedDays = interruptedDaysBefore(facts.interruptions ?? [], on);
  const shifted = addDays(countsFrom, interruptedDays);
  const totalMonths = Math.max(0, completedMonths(shifted, on));
  return ok({ countsFrom, interruptedDays, years: Math.trunc(totalMonths / 12), months: totalMonths % 12, totalMonths });
}

/**
 * The date on which party age reaches `years`: the start plus `years`, pushed back by every interruption
 * that begins before that date (iterated, since pushing back can bring a later interruption in).
 * Null while an open interruption (not resumed) begins before the date.
 */
export function partyAgeReachedOn(facts: PartyAgeFacts, years: number): IsoDate | null {
  if (checkFacts(facts).length > 0) return null;
  const start = facts.firstAdmissionDecisionOn ?? facts.admissionDecisionOn;
  const interruptions = [...(facts.interruptions ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1));
  let shift = 0;
  for (;;) {
    const candidate = addMonths(addDays(start, shift), years * 12);
    let newShift = 0;
    for (const p of interruptions) {
      if (p.from >= addMonths(addDays(start, newShift), years * 12)) break;
      if (p.to === null) return null;
      newShift += daysBetween(p.from, p.to);
    }
    if (newShift === shift) return candidate;
    shift = newShift;
  }
}

// ---- Badges --------------------------------------------------------------------------------------------

/** Days of the year on which badges are presented: 3/2, 19/5, 2/9, 7/11. */
export const BADGE_OCCASIONS = [
  { month: 2, day: 3 },
  { month: 5, day: 19 },
  { month: 9, day: 2 },
  { month: 11, day: 7 },
] as const;

/** The first presentation occasion on or after a date. */
export function nextBadgeOccasion(date: IsoDate): IsoDate {
  const y = yearOf(date);
  for (const year of [y, y + 1]) {
    for (const o of BADGE_OCCASIONS) {
      const d = toIsoDate(year, o.month, o.day);
      if (d >= date) return d;
    }
  }
  throw new Error("unreachable");
}

/** How many months early a badge may be awarded. */
export function maxEarlyMonths(years: BadgeYears, circumstance: BadgeCircumstance): number {
  if (circumstance === "seriously_ill") return years >= 70 ? 24 : 12;
  if (circumstance === "deceased") return 12;
  return 0;
}

export interface BadgeDue {
  years: BadgeYears;
  /** date party age reaches the level */
  reachedOn: IsoDate;
  /** first presentation occasion on or after reachedOn */
  occasion: IsoDate;
}

/** Every badge level with the date it is reached (levels not reachable because of an open interruption are left out). */
export function badgeSchedule(facts: PartyAgeFacts): BadgeDue[] {
  if (facts.officialOn === null) return [];
  const out: BadgeDue[] = [];
  for (const years of BADGE_YEARS) {
    const reachedOn = partyAgeReachedOn(facts, years);
    if (reachedOn === null) continue;
    out.push({ years, reachedOn, occasion: nextBadgeOccasion(reachedOn) });
  }
  return out;
}

/** The badge levels whose party age is reached during year Y (usually zero or one). */
export function badgesDueInYear(facts: PartyAgeFacts, year: number): BadgeDue[] {
  return badgeSchedule(facts).filter((b) => yearOf(b.reachedOn) === year);
}

/**
 * The badge due at date D: the highest level reached by D (counting the allowed early months for the
 * circumstance) that is higher than every level already awarded. Undefined when none is due.
 */
export function badgeDueAt(
  facts: PartyAgeFacts,
  on: IsoDate,
  awarded: readonly BadgeYears[] = [],
  circumstance: BadgeCircumstance = "normal",
): BadgeDue | undefined {
  const highestAwarded = Math.max(0, ...awarded);
  const reached = badgeSchedule(facts).filter(
    (b) => b.years > highestAwarded && addMonths(b.reachedOn, -maxEarlyMonths(b.years, circumstance)) <= on,
  );
  return reached[reached.length - 1];
}

export interface BadgeAwardCheck {
  facts: PartyAgeFacts;
  years: number;
  awardOn: IsoDate;
  status: MemberStatus;
  alreadyAwarded: readonly BadgeYears[];
  circumstance?: BadgeCircumstance;
}

/** Validates proposing/awarding a badge level on a date. */
export function checkBadgeAward(input: BadgeAwardCheck): Result<BadgeDue> {
  const circumstance = input.circumstance ?? "normal";
  if (!(BADGE_YEARS as readonly number[]).includes(input.years)) {
    return fail([violation("years", "unknown_badge", both(`không có huy hiệu ${input.years} năm; các mức là ${BADGE_YEARS.join(", ")}`, `no badge for ${input.years} years; levels are ${BADGE_YEARS.join(", ")}`))]);
  }
  const years = input.years as BadgeYears;
  if (!isIsoDate(input.awardOn)) return fail([violation("awardOn", "invalid_date", both("awardOn phải là ngày dạng yyyy-mm-dd", "awardOn must be yyyy-mm-dd"))]);
  const bad = checkFacts(input.facts);
  if (bad.length > 0) return fail(bad);
  const out: Violation[] = [];
  if (circumstance === "deceased" ? input.status !== "deceased" : input.status !== "official") {
    out.push(
      violation(
        "status",
        "not_eligible_status",
        circumstance === "deceased"
          ? both(`truy tặng chỉ dành cho đảng viên đã từ trần (trạng thái hiện tại: ${input.status})`, `a posthumous award needs status deceased (is ${input.status})`)
          : both(`chỉ trao cho đảng viên chính thức (trạng thái hiện tại: ${input.status})`, `only an official member can be awarded (status is ${input.status})`),
      ),
    );
  }
  if (input.alreadyAwarded.includes(years)) out.push(violation("years", "already_awarded", both(`huy hiệu ${years} năm tuổi Đảng đã được trao`, `the ${years}-year badge was already awarded`)));
  else if (input.alreadyAwarded.some((a) => a > years)) out.push(violation("years", "lower_than_awarded", both(`đã trao huy hiệu mức cao hơn (${Math.max(...input.alreadyAwarded)} năm)`, `a higher badge (${Math.max(...input.alreadyAwarded)}) was already awarded`)));
  const reachedOn = partyAgeReachedOn(input.facts, years);
  if (input.facts.officialOn === null || reachedOn === null) {
    out.push(violation("years", "not_reached", both(`tuổi đảng chưa đủ ${years} năm (chưa chính thức, hoặc sinh hoạt đảng bị gián đoạn)`, `party age does not reach ${years} years (not official, or party life interrupted)`)));
    return fail(out);
  }
  const earliest = addMonths(reachedOn, -maxEarlyMonths(years, circumstance));
  if (input.awardOn < earliest) {
    out.push(
      violation(
        "awardOn",
        "not_reached",
        both(
          `tuổi đảng đủ ${years} năm ngày ${reachedOn}; ngày trao sớm nhất${circumstance === "normal" ? "" : ` (${circumstance})`} là ${earliest}`,
          `party age reaches ${years} years on ${reachedOn}; the earliest award date${circumstance === "normal" ? "" : ` (${circumstance})`} is ${earliest}`,
        ),
      ),
    );
  }
  return out.length > 0 ? fail(out) : ok({ years, reachedOn, occasion: nextBadgeOccasion(reachedOn) });
}
