// Political-standard conclusions (kết luận tiêu chuẩn chính trị, Quy định 58-QĐ/TW 2022 on protecting
// internal politics, as remembered — unverified): for admission, planning, appointment or nomination, the
// checks consulted through the other services' contracts: the member's standing in membership, the
// discipline in effect in inspection, and this service's own bars. A conclusion lists every reason it is
// not met, so the officer sees them all.
import { addMonths, type IsoDate } from "@orgboard/locale-vi";
import type { StandardPurpose } from "@orgboard/contract-personnel";
import { isBarred } from "./discipline.js";

/** A party discipline is in effect for 12 months from its effective day (QĐ 69-QĐ/TW Art. 2.5; inspection's docs). */
export const DISCIPLINE_IN_EFFECT_MONTHS = 12;

export interface StandardFacts {
  purpose: StandardPurpose;
  on: IsoDate;
  /** membership's status of the linked member; null when the cadre is not a member */
  memberStatus: string | null;
  /** inspection's decisions about the member (form, effective day, status) */
  decisions: readonly { form: string; effectiveOn: IsoDate; status: string }[];
  bars: readonly { purpose: string; from: IsoDate; until: IsoDate }[];
}

export const STANDARD_REASONS = ["already_a_member", "member_not_active", "discipline_in_effect", "barred"] as const;

export function politicalStandard(f: StandardFacts): { met: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (f.purpose === "admission" && f.memberStatus !== null && f.memberStatus !== "removed") reasons.push("already_a_member");
  if (f.purpose !== "admission" && f.memberStatus !== null && f.memberStatus !== "official" && f.memberStatus !== "probationary") reasons.push("member_not_active");
  const inEffect = f.decisions.some((d) => d.status === "in_force" && d.form !== "dissolution" && d.effectiveOn <= f.on && (d.form === "expulsion" || f.on < addMonths(d.effectiveOn, DISCIPLINE_IN_EFFECT_MONTHS)));
  if (inEffect) reasons.push("discipline_in_effect");
  if ((f.purpose === "planning" && isBarred(f.bars, "planning", f.on)) || ((f.purpose === "appointment" || f.purpose === "nomination") && isBarred(f.bars, "appointment", f.on))) reasons.push("barred");
  return { met: reasons.length === 0, reasons };
}
