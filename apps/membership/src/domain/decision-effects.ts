// What another service's decision does to membership's records (docs/membership-data.md, "Decisions of
// other services"). Inspection's discipline decisions arrive on its event stream; an expulsion (khai trừ,
// Điều lệ Đảng Art. 35) ends the member's party life as a removal of kind `expelled`, a dissolution (giải
// tán) closes the organization; the other forms (khiển trách, cảnh cáo, cách chức) change nothing here.
// When the records contradict the decision (the member left meanwhile, the organization is gone or not
// empty) the decision is refused with a reason and a message for the officer who settles it: it is never
// dropped silently, and never retried forever.
import type { AppliedDecisionForm, DecisionRefusalReason } from "@orgboard/contract-membership";
import { formatDateVi, type IsoDate } from "@orgboard/locale-vi";
import type { MemberStatus } from "./enums.js";

/** What membership does for a form; `null`: nothing (recorded as seen). */
export function effectOfForm(form: string): AppliedDecisionForm | null {
  return form === "expulsion" || form === "dissolution" ? form : null;
}

/** The member named by an expulsion, as the records have it (null: no such member). */
export interface ExpulsionFacts {
  memberId: number | null;
  member: { status: MemberStatus; /** start of the open membership period */ joinedOn: IsoDate | null } | null;
  effectiveOn: IsoDate;
}

/** The organization named by a dissolution (null: no such organization). */
export interface DissolutionFacts {
  orgId: number | null;
  org: { openedOn: IsoDate; closedOn: IsoDate | null; activeMembers: number; openChildren: number; openTransfers: number } | null;
  effectiveOn: IsoDate;
}

export interface Refusal {
  reason: DecisionRefusalReason;
  /** Vietnamese, then English. */
  message: string;
}

const both = (vi: string, en: string) => `${vi} / ${en}`;

const STATUS_VI: Record<MemberStatus, string> = {
  probationary: "đảng viên dự bị",
  official: "đảng viên chính thức",
  transferred_out: "đã chuyển sinh hoạt đảng đi nơi khác",
  removed: "đã ra khỏi Đảng",
  deceased: "đã từ trần",
};

/** Why an expulsion cannot become a removal, or null when it can. */
export function expulsionRefusal(f: ExpulsionFacts): Refusal | null {
  if (f.memberId === null || f.member === null) {
    const id = f.memberId === null ? "" : ` ${f.memberId}`;
    return {
      reason: "member_not_found",
      message: both(`Không có đảng viên mã số${id} trong hồ sơ đảng viên`, `no member has the id${id} in the membership records`),
    };
  }
  const { status, joinedOn } = f.member;
  if (status !== "probationary" && status !== "official") {
    return {
      reason: "member_not_active",
      message: both(
        `Đảng viên mã số ${f.memberId} không còn sinh hoạt đảng (${STATUS_VI[status]}): quyết định khai trừ không thể ghi vào hồ sơ`,
        `member ${f.memberId} is no longer active (${status}): the expulsion cannot be recorded`,
      ),
    };
  }
  if (joinedOn !== null && f.effectiveOn < joinedOn) {
    return {
      reason: "effective_before_start",
      message: both(
        `Ngày có hiệu lực ${formatDateVi(f.effectiveOn)} trước ngày đảng viên bắt đầu sinh hoạt tại tổ chức hiện tại (${formatDateVi(joinedOn)})`,
        `the effective date ${f.effectiveOn} is before the member joined their current organization (${joinedOn})`,
      ),
    };
  }
  return null;
}

/** Why a dissolution cannot close the organization, or null when it can. */
export function dissolutionRefusal(f: DissolutionFacts): Refusal | null {
  if (f.orgId === null || f.org === null) {
    const id = f.orgId === null ? "" : ` ${f.orgId}`;
    return {
      reason: "organization_not_found",
      message: both(`Không có tổ chức đảng mã số${id} trong hồ sơ`, `no organization has the id${id} in the membership records`),
    };
  }
  const o = f.org;
  if (o.closedOn !== null) {
    return {
      reason: "organization_closed",
      message: both(`Tổ chức đảng đã kết thúc hoạt động ngày ${formatDateVi(o.closedOn)}`, `the organization already closed on ${o.closedOn}`),
    };
  }
  if (o.activeMembers > 0 || o.openChildren > 0 || o.openTransfers > 0) {
    const vi = [
      o.activeMembers > 0 ? `${o.activeMembers} đảng viên đang sinh hoạt` : null,
      o.openChildren > 0 ? `${o.openChildren} tổ chức trực thuộc đang hoạt động` : null,
      o.openTransfers > 0 ? `${o.openTransfers} hồ sơ chuyển sinh hoạt đang xử lý` : null,
    ].filter(Boolean);
    const en = [
      o.activeMembers > 0 ? `${o.activeMembers} active member(s)` : null,
      o.openChildren > 0 ? `${o.openChildren} open child organization(s)` : null,
      o.openTransfers > 0 ? `${o.openTransfers} transfer(s) in progress` : null,
    ].filter(Boolean);
    return {
      reason: "organization_not_empty",
      message: both(
        `Tổ chức đảng còn ${vi.join(", ")}: cần chuyển sinh hoạt hoặc giải thể trước khi ghi quyết định giải tán`,
        `the organization still has ${en.join(", ")}: move or close them before the dissolution can be recorded`,
      ),
    };
  }
  if (f.effectiveOn < o.openedOn) {
    return {
      reason: "effective_before_start",
      message: both(
        `Ngày có hiệu lực ${formatDateVi(f.effectiveOn)} trước ngày thành lập tổ chức đảng (${formatDateVi(o.openedOn)})`,
        `the effective date ${f.effectiveOn} is before the organization was founded (${o.openedOn})`,
      ),
    };
  }
  return null;
}

/** The removal's reason text for an expulsion decided elsewhere (shown in the member's history). */
export function expulsionReason(decisionNumber: string, decidedOn: IsoDate): string {
  return both(`Khai trừ ra khỏi Đảng theo Quyết định số ${decisionNumber} ngày ${formatDateVi(decidedOn)}`, `expelled by decision ${decisionNumber} of ${decidedOn}`);
}
