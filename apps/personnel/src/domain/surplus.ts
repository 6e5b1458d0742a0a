// Cadres left without a post by a merger of units (cán bộ dôi dư sau sắp xếp) and the policy applied to
// each: Nghị định 178/2024/NĐ-CP (31/12/2024, in force 1/1/2025) as amended by Nghị định 67/2025/NĐ-CP,
// as reported (docs/personnel.md). Policies modelled: early retirement (nghỉ hưu trước tuổi, Art. 7),
// leaving with an allowance (nghỉ thôi việc, Art. 9), transfer to another post (bố trí công tác khác).
// A case: open → policy_applied → closed; the policy may change before closure; closed is final.
import { addYears, type IsoDate } from "@orgboard/locale-vi";
import type { Gender, SurplusPolicy, SurplusStatus } from "@orgboard/contract-personnel";
import { refusal, type Refusal } from "./errors.js";
import { retirementDate } from "./retirement.js";

/**
 * Early retirement under 178 needs the retirement age within 10 years (normal working conditions; 5 in
 * particularly hard areas, not modelled) and enough compulsory social-insurance years for a pension (not
 * known to this service: the officer checks it).
 */
export const EARLY_RETIREMENT_MAX_YEARS_BEFORE = 10;

/** Whether someone may take early retirement on `on`: not yet of retirement age, and at most 10 years before it. */
export function earlyRetirementEligible(cadre: { birthDate: IsoDate; gender: Gender }, on: IsoDate): boolean {
  const retires = retirementDate(cadre.birthDate, cadre.gender);
  return on < retires && retires <= addYears(on, EARLY_RETIREMENT_MAX_YEARS_BEFORE);
}

/** Why `policy` cannot be applied to this case on `decidedOn` (empty: it can). */
export function policyRefusals(c: { status: SurplusStatus; mergedOn: IsoDate }, policy: SurplusPolicy, decidedOn: IsoDate, cadre: { birthDate: IsoDate; gender: Gender }, toOrgPath: string | undefined): Refusal[] {
  const out: Refusal[] = [];
  if (c.status === "closed") out.push(refusal("closed", "caseId", "trường hợp đã giải quyết xong", "the case is already closed"));
  if (decidedOn < c.mergedOn) out.push(refusal("before_merger", "decidedOn", "ngày quyết định trước ngày sắp xếp", "decided before the merger"));
  if (policy === "early_retirement" && !earlyRetirementEligible(cadre, decidedOn)) out.push(refusal("not_eligible", "policy", `nghỉ hưu trước tuổi chỉ khi còn không quá ${EARLY_RETIREMENT_MAX_YEARS_BEFORE} năm đến tuổi nghỉ hưu`, `early retirement needs the retirement age within ${EARLY_RETIREMENT_MAX_YEARS_BEFORE} years`));
  if (policy === "transfer" && toOrgPath === undefined) out.push(refusal("destination_required", "toOrgPath", "bố trí công tác khác cần nơi đến", "a transfer needs its destination"));
  if (policy !== "transfer" && toOrgPath !== undefined) out.push(refusal("destination_unexpected", "toOrgPath", "chỉ ghi nơi đến khi bố trí công tác khác", "a destination only goes with a transfer"));
  return out;
}

/** Why the case cannot be closed on `closedOn` (empty: it can): a policy must have been applied first. */
export function closeRefusals(c: { status: SurplusStatus; policyOn: IsoDate | null }, closedOn: IsoDate): Refusal[] {
  const out: Refusal[] = [];
  if (c.status === "closed") out.push(refusal("closed", "caseId", "trường hợp đã giải quyết xong", "the case is already closed"));
  else if (c.status !== "policy_applied") out.push(refusal("no_policy", "caseId", "chưa áp dụng chính sách nào", "no policy has been applied yet"));
  if (c.policyOn !== null && closedOn < c.policyOn) out.push(refusal("before_policy", "closedOn", "ngày giải quyết xong trước ngày quyết định chính sách", "closed before the policy was decided"));
  return out;
}

export interface SurplusFigures {
  total: number;
  resolved: number;
  open: number;
  policyApplied: number;
  perPolicy: Record<SurplusPolicy, number>;
}

/** Resolved / total and counts per policy (the policy of every case that has one, closed or not); `count` groups alike cases (default 1). */
export function surplusFigures(cases: readonly { status: SurplusStatus; policy: SurplusPolicy | null; count?: number }[]): SurplusFigures {
  const f: SurplusFigures = { total: 0, resolved: 0, open: 0, policyApplied: 0, perPolicy: { early_retirement: 0, leave_with_allowance: 0, transfer: 0 } };
  for (const c of cases) {
    const n = c.count ?? 1;
    f.total += n;
    if (c.status === "closed") f.resolved += n;
    else if (c.status === "open") f.open += n;
    else f.policyApplied += n;
    if (c.policy) f.perPolicy[c.policy] += n;
  }
  return f;
}
