// Transfer of party life (chuyển sinh hoạt đảng): Quy định thi hành Điều lệ point 6.3 (24-QĐ/TW 2021;
// 294-QĐ/TW 2025) and Hướng dẫn 01-HD/TW point 10.
// - Official transfer: the member moves for good (new job, retirement, new residence), within 60 working
//   days of the decision/move; counted in the destination's membership from reception.
// - Temporary transfer: away from 3 months to under 1 year (work, residence), or 3 months to 2 years for
//   full-time study; the member stays counted at home ("không tính vào đảng số" of the host).
// - The member must present the introduction letter to the destination within 30 working days.
import { addMonths, addWorkingDays, isIsoDate, type IsoDate } from "@orgboard/locale-vi";
import { TRANSFER_KINDS, TRANSFER_STATUSES, isOneOf, type MemberStatus, type OrgKind, type TransferKind, type TransferPurpose, type TransferStatus } from "./enums.js";
import { isCellKind } from "./org-tree.js";
import { both, fail, ok, violation, type Result, type Violation } from "./result.js";

export const TRANSFER_PRESENTATION_WORKING_DAYS = 30;
export const OFFICIAL_TRANSFER_FILING_WORKING_DAYS = 60;
export const TEMPORARY_MIN_MONTHS = 3;
/** Temporary transfer for work or residence: under 12 months. */
export const TEMPORARY_MAX_MONTHS = 12;
/** Temporary transfer for full-time study: up to 24 months. */
export const TEMPORARY_STUDY_MAX_MONTHS = 24;

/** Allowed moves of a transfer. */
export const TRANSFER_TRANSITIONS: Readonly<Record<TransferStatus, readonly TransferStatus[]>> = {
  requested: ["issued", "cancelled"],
  issued: ["received", "rejected", "cancelled"],
  received: ["returned"], // temporary only
  rejected: [],
  cancelled: [],
  returned: [],
};

export function isTransferOpen(status: TransferStatus): boolean {
  return status === "requested" || status === "issued";
}

export interface TransferOrg {
  id: string | number;
  kind: OrgKind;
  path: string;
  closedOn?: IsoDate | null;
}

export interface TransferRequest {
  kind: string;
  requestedOn: IsoDate;
  member: {
    status: MemberStatus;
    /** the organization where the member has official party life */
    orgId: string | number;
    /** a transfer of this member that is still requested/issued */
    hasOpenTransfer?: boolean;
    /** currently away on a temporary transfer (received, not returned) */
    onTemporaryTransfer?: boolean;
  };
  from: TransferOrg;
  /** destination in this system; null when it is elsewhere (another system, abroad): then `toDescription` */
  to: TransferOrg | null;
  toDescription?: string;
  /** temporary only: expected return date */
  expectedReturnOn?: IsoDate;
  /** temporary only: full-time study allows up to 24 months */
  purpose?: TransferPurpose;
}

/** Validates a new transfer request. */
export function checkTransferRequest(req: TransferRequest): Result<{ kind: TransferKind }> {
  const out: Violation[] = [];
  if (!isOneOf(TRANSFER_KINDS, req.kind)) return fail([violation("kind", "unknown_kind", both(`kind phải là một trong ${TRANSFER_KINDS.join(", ")}`, `kind must be one of ${TRANSFER_KINDS.join(", ")}`))]);
  if (!isIsoDate(req.requestedOn)) return fail([violation("requestedOn", "invalid_date", both("requestedOn phải là ngày dạng yyyy-mm-dd", "requestedOn must be yyyy-mm-dd"))]);
  const kind = req.kind;
  if (req.member.status !== "probationary" && req.member.status !== "official") {
    out.push(violation("member.status", "member_not_active", both(`không thể chuyển sinh hoạt đảng viên đang ở trạng thái ${req.member.status}`, `a ${req.member.status} member cannot be transferred`)));
  }
  if (String(req.from.id) !== String(req.member.orgId)) {
    out.push(violation("from", "not_member_org", both("việc chuyển sinh hoạt bắt đầu từ tổ chức nơi đảng viên sinh hoạt chính thức", "a transfer starts from the organization where the member has official party life")));
  }
  if (req.member.hasOpenTransfer) out.push(violation("member", "transfer_in_progress", both("đảng viên đang có một việc chuyển sinh hoạt dở dang", "the member already has a transfer in progress")));
  if (req.member.onTemporaryTransfer && kind === "temporary") {
    out.push(violation("member", "already_on_temporary_transfer", both("đảng viên đang chuyển sinh hoạt tạm thời", "the member is already away on a temporary transfer")));
  }
  if (req.to === null) {
    if (!req.toDescription || req.toDescription.trim() === "") {
      out.push(violation("toDescription", "required", both("nơi đến ngoài hệ thống phải được mô tả", "a destination outside the system needs a description")));
    }
  } else {
    if (String(req.to.id) === String(req.from.id)) out.push(violation("to", "same_org", both("không thể chuyển đến chính tổ chức hiện tại", "cannot transfer to the same organization")));
    if (req.to.closedOn && req.to.closedOn <= req.requestedOn) {
      out.push(violation("to", "destination_closed", both(`tổ chức đảng nơi đến đã giải thể ngày ${req.to.closedOn}`, `the destination organization closed on ${req.to.closedOn}`)));
    }
    if (!isCellKind(req.to.kind)) {
      out.push(violation("to", "destination_not_a_cell", both(`đảng viên sinh hoạt ở chi bộ; nơi đến là ${req.to.kind}`, `members belong to a cell (chi bộ); the destination is a ${req.to.kind}`)));
    }
  }
  if (req.from.closedOn && req.from.closedOn < req.requestedOn) {
    out.push(violation("from", "origin_closed", both(`tổ chức đảng nơi đi đã giải thể ngày ${req.from.closedOn}`, `the origin organization closed on ${req.from.closedOn}`)));
  }
  if (kind === "temporary") {
    if (req.expectedReturnOn === undefined || !isIsoDate(req.expectedReturnOn)) {
      out.push(violation("expectedReturnOn", "required", both("chuyển sinh hoạt tạm thời phải có ngày dự kiến trở về", "a temporary transfer needs the expected return date")));
    } else {
      const max = req.purpose === "study" ? TEMPORARY_STUDY_MAX_MONTHS : TEMPORARY_MAX_MONTHS;
      const earliest = addMonths(req.requestedOn, TEMPORARY_MIN_MONTHS);
      const latest = addMonths(req.requestedOn, max);
      if (req.expectedReturnOn < earliest) {
        out.push(violation("expectedReturnOn", "too_short", both(
            `chuyển sinh hoạt tạm thời ít nhất 3 tháng (trở về từ ${earliest}); vắng ngắn hơn thì không cần chuyển`,
            `a temporary transfer lasts at least 3 months (return on or after ${earliest}); shorter absences need no transfer`,
          )));
      } else if (req.purpose === "study" ? req.expectedReturnOn > latest : req.expectedReturnOn >= latest) {
        out.push(
          violation(
            "expectedReturnOn",
            "too_long",
            req.purpose === "study"
              ? both(`chuyển sinh hoạt tạm thời để đi học tối đa 24 tháng (đến ${latest}); dài hơn phải chuyển chính thức`, `a temporary transfer for study lasts at most 24 months (until ${latest}); longer needs an official transfer`)
              : both(`chuyển sinh hoạt tạm thời để công tác hoặc cư trú dưới 12 tháng (trước ${latest}); dài hơn phải chuyển chính thức`, `a temporary transfer for work or residence lasts under 12 months (before ${latest}); longer needs an official transfer`),
          ),
        );
      }
    }
  } else if (req.expectedReturnOn !== undefined) {
    out.push(violation("expectedReturnOn", "not_applicable", both("chuyển sinh hoạt chính thức không có ngày trở về", "an official transfer has no return date")));
  }
  return out.length > 0 ? fail(out) : ok({ kind });
}

export interface TransferState {
  kind: TransferKind;
  status: TransferStatus;
  requestedOn: IsoDate;
  issuedOn: IsoDate | null;
  receivedOn: IsoDate | null;
  returnedOn: IsoDate | null;
  /** date of cancellation or rejection */
  closedOn?: IsoDate | null;
}

/** Moves a transfer to a new status on a date, stamping the matching date field. */
export function transitionTransfer(current: TransferState, to: string, on: IsoDate): Result<TransferState> {
  if (!isOneOf(TRANSFER_STATUSES, to)) return fail([violation("status", "unknown_status", both(`status phải là một trong ${TRANSFER_STATUSES.join(", ")}`, `status must be one of ${TRANSFER_STATUSES.join(", ")}`))]);
  if (!isIsoDate(on)) return fail([violation("on", "invalid_date", both("on phải là ngày dạng yyyy-mm-dd", "on must be yyyy-mm-dd"))]);
  if (!TRANSFER_TRANSITIONS[current.status].includes(to)) {
    const next = TRANSFER_TRANSITIONS[current.status];
    return fail([
      violation("status", "invalid_transition", both(
        `không thể chuyển từ ${current.status} sang ${to}${next.length ? `; bước tiếp theo là ${next.join(" hoặc ")}` : " (đã kết thúc)"}`,
        `cannot go from ${current.status} to ${to}${next.length ? `; next is ${next.join(" or ")}` : " (final)"}`,
      )),
    ]);
  }
  if (to === "returned" && current.kind !== "temporary") {
    return fail([violation("status", "not_temporary", both("chỉ chuyển sinh hoạt tạm thời mới kết thúc bằng việc trở về", "only a temporary transfer ends with a return"))]);
  }
  const last = current.returnedOn ?? current.receivedOn ?? current.issuedOn ?? current.requestedOn;
  if (on < last) return fail([violation("on", "date_before_previous_step", both(`${on} trước bước trước đó (${last})`, `${on} is before the previous step (${last})`))]);
  const next: TransferState = { ...current, status: to };
  if (to === "issued") next.issuedOn = on;
  else if (to === "received") next.receivedOn = on;
  else if (to === "returned") next.returnedOn = on;
  else next.closedOn = on;
  return ok(next);
}

/** The day by which the member must present the introduction letter at the destination. */
export function presentationDeadline(issuedOn: IsoDate, holidays?: ReadonlySet<IsoDate>): IsoDate {
  return addWorkingDays(issuedOn, TRANSFER_PRESENTATION_WORKING_DAYS, holidays);
}

/** Issued, not received, and past the 30-working-day presentation deadline. */
export function isPresentationOverdue(t: Pick<TransferState, "status" | "issuedOn">, asOf: IsoDate, holidays?: ReadonlySet<IsoDate>): boolean {
  return t.status === "issued" && t.issuedOn !== null && asOf > presentationDeadline(t.issuedOn, holidays);
}

/**
 * The member's status once a transfer reaches `status`. An official transfer to a destination outside this
 * system takes the member out when the letter is issued (transferred_out); inside the system the member
 * keeps the status and changes organization on reception; a temporary transfer changes neither.
 */
export function memberStatusAfterTransfer(kind: TransferKind, status: TransferStatus, destinationInSystem: boolean): MemberStatus | "unchanged" {
  if (kind === "official" && (status === "issued" || status === "received") && !destinationInSystem) return "transferred_out";
  return "unchanged";
}
