// What a discipline decided in inspection does to a cadre here (docs/personnel.md, "Discipline"):
// - planning and appointment to a higher post are barred for a period after the decision takes effect:
//   12 months for a reprimand, 30 for a warning, 60 for a dismissal (Quy định 80-QĐ/TW 2022, as reported;
//   whether Quy định 377-QĐ/TW 2025, which replaced 80 and 50, keeps these figures is unverified). The
//   party's own bar (inspection's `barredUntil`, carried in the event as `bars`) applies too: the later
//   end wins;
// - a discipline from reprimand up takes the cadre out of every planning pool (QĐ 50-QĐ/TW: "đương nhiên
//   đưa ra khỏi quy hoạch");
// - a dismissal (cách chức) ends the party posts held; an expulsion ends every post reserved to members.
import { addMonths, maxDate, type IsoDate } from "@orgboard/locale-vi";
import type { BarPurpose } from "@orgboard/contract-personnel";

export type DisciplineForm = "reprimand" | "warning" | "dismissal" | "expulsion" | "dissolution";

export const CADRE_BAR_MONTHS: Readonly<Record<DisciplineForm, number | null>> = {
  reprimand: 12,
  warning: 30,
  dismissal: 60,
  expulsion: null,
  dissolution: null,
};

export interface BarPeriod {
  purpose: BarPurpose;
  from: IsoDate;
  /** first day no longer barred */
  until: IsoDate;
}

export interface DisciplineEffect {
  bars: BarPeriod[];
  leavePools: boolean;
  /** which current holdings end: none, the party posts, or every post reserved to members */
  endPosts: "none" | "party" | "members_only";
}

/** The party's bars as inspection computed them (its `barredUntil`), when the event carries them. */
export type PartyBars = Partial<Record<BarPurpose, IsoDate | null>>;

export function disciplineEffect(form: DisciplineForm, effectiveOn: IsoDate, partyBars: PartyBars = {}): DisciplineEffect {
  const months = CADRE_BAR_MONTHS[form];
  const bars: BarPeriod[] = [];
  for (const purpose of ["appointment", "planning"] as const) {
    const cadreUntil = months === null ? null : addMonths(effectiveOn, months);
    const partyUntil = partyBars[purpose] ?? null;
    const until = cadreUntil && partyUntil ? maxDate(cadreUntil, partyUntil) : (cadreUntil ?? partyUntil);
    if (until !== null && until > effectiveOn) bars.push({ purpose, from: effectiveOn, until });
  }
  return {
    bars,
    leavePools: form !== "dissolution",
    endPosts: form === "dismissal" ? "party" : form === "expulsion" ? "members_only" : "none",
  };
}

/** Is `purpose` barred on `on` by any of these periods? */
export function isBarred(bars: readonly { purpose: string; from: IsoDate; until: IsoDate }[], purpose: BarPurpose, on: IsoDate): boolean {
  return bars.some((b) => b.purpose === purpose && b.from <= on && on < b.until);
}
