// Complaints about discipline (khiếu nại kỷ luật đảng) and denunciations (tố cáo) against organizations
// and members: settlement deadlines in working days (holidays.ts), the cases that are not handled (each
// with a reason), and deadlines about to be missed or missed. Sources: QĐ 296-QĐ/TW 2025 Chapters IV–V
// (Art. 19 denunciations not handled, Art. 23 complaints not handled) and Hướng dẫn 08-HD/TW 2025;
// docs/inspection.md, "Rules", says which numbers were verified.
import { isIsoDate, type IsoDate } from "@orgboard/locale-vi";
import { reason, type Reason } from "./errors.js";
import { appealLastDay } from "./discipline.js";
import { VIETNAM_CALENDAR, type WorkCalendar } from "./holidays.js";
import { addWorkingDays, workingDaysBetween } from "./working-days.js";
import type { PetitionKind } from "./vocabulary.js";

/** The level of the body that settles (cấp giải quyết). Upper-grassroots committees count as "district". */
export const SETTLEMENT_LEVELS = ["central", "provincial", "district", "grassroots"] as const;
export type SettlementLevel = (typeof SETTLEMENT_LEVELS)[number];

/** Working days to settle, from the day the competent body received the petition. */
export const SETTLEMENT_WORKING_DAYS: Readonly<Record<PetitionKind, Readonly<Record<SettlementLevel, number>>>> = {
  /** khiếu nại kỷ luật: Centre 90, provincial and district 60, grassroots 30 */
  complaint: { central: 90, provincial: 60, district: 60, grassroots: 30 },
  /** tố cáo: Centre 180, other levels 90 */
  denunciation: { central: 180, provincial: 90, district: 90, grassroots: 90 },
};

/** A denunciation's deadline may be extended once by at most this many working days (the denouncer told). */
export const DENUNCIATION_EXTENSION_WORKING_DAYS = 30;

/** The last day to settle (receivedOn + N working days), extended for a denunciation when `extended`. */
export function settlementDueOn(kind: PetitionKind, level: SettlementLevel, receivedOn: IsoDate, options: { extended?: boolean; calendar?: WorkCalendar } = {}): IsoDate {
  const extension = kind === "denunciation" && options.extended ? DENUNCIATION_EXTENSION_WORKING_DAYS : 0;
  return addWorkingDays(receivedOn, SETTLEMENT_WORKING_DAYS[kind][level] + extension, options.calendar ?? VIETNAM_CALENDAR);
}

/** What intake knows about a petition; rules read only the fields they need. */
export interface PetitionIntake {
  kind: PetitionKind;
  receivedOn: IsoDate;
  /** giấu tên, mạo tên or without a traceable address */
  anonymous: boolean;
  /** signed by several people (tố cáo tập thể) */
  collective?: boolean;
  /** content too vague to verify (nội dung không cụ thể, không có căn cứ) */
  unspecific?: boolean;
  /** withdrawn by the denouncer (not under threat) */
  withdrawn?: boolean;
  /** repeats a petition already settled by the competent level */
  repeatsSettled?: boolean;
  /** … bringing new documents or evidence that change the matter */
  hasNewContent?: boolean;
  /** a complaint: about a party discipline decision at all */
  aboutDiscipline?: boolean;
  /** a complaint filed on someone else's behalf (khiếu nại hộ) */
  onBehalf?: boolean;
  /** the day the complainant received the discipline decision; null if never received in writing */
  decisionReceivedOn?: IsoDate | null;
  /** the complainant refused to receive the decision (or the settlement) */
  refusedDecision?: boolean;
  /** being settled by the upper level, or already settled by the highest competent level */
  pendingOrFinalAbove?: boolean;
  /** sentenced by a court to non-custodial reform or heavier, not annulled */
  sentenced?: boolean;
}

const R = {
  anonymous: reason("anonymous", "Không xem xét, giải quyết đơn tố cáo giấu tên, mạo tên, không rõ địa chỉ", "Anonymous or falsely signed denunciations, or without an address, are not handled"),
  collective: reason("collective", "Không giải quyết tố cáo tập thể có nhiều người ký tên", "A denunciation signed by several people is not handled"),
  unspecific: reason("unspecific", "Nội dung không cụ thể, không có căn cứ để thẩm tra, xác minh", "The content is too vague to verify"),
  withdrawn: reason("withdrawn", "Người tố cáo đã rút đơn", "The denouncer withdrew the denunciation"),
  repeated: reason("repeated_without_new_content", "Đã được cấp có thẩm quyền xem xét, kết luận, nay tố cáo lại mà không có tài liệu, chứng cứ mới", "Already settled by the competent level and repeated without new documents or evidence"),
  notAboutDiscipline: reason("not_about_discipline", "Không phải khiếu nại về quyết định kỷ luật đảng", "Not a complaint about a party discipline decision"),
  onBehalf: reason("appeal_on_behalf", "Không giải quyết khiếu nại hộ", "A complaint on another's behalf is not handled"),
  notReceived: reason("decision_not_received", "Khiếu nại khi chưa nhận được quyết định kỷ luật bằng văn bản", "Complaint filed before the written discipline decision was received"),
  refused: reason("decision_refused", "Đã từ chối nhận quyết định kỷ luật hoặc quyết định giải quyết khiếu nại", "The complainant refused to receive the decision"),
  outOfTime: reason("complaint_out_of_time", "Quá thời hạn khiếu nại (một tháng kể từ ngày nhận quyết định kỷ luật)", "Out of time: a complaint must be filed within one month of receiving the decision"),
  pendingAbove: reason("pending_or_final_above", "Đang được cấp trên giải quyết hoặc đã được cấp có thẩm quyền cao nhất kết luận", "Being settled above, or already decided by the highest competent level"),
  sentenced: reason("sentenced", "Đã bị tòa án tuyên phạt từ cải tạo không giam giữ trở lên", "Sentenced by a court to non-custodial reform or heavier"),
} as const;

/** Every reason a petition may be not handled, by code (for the UI and tests). */
export const NOT_HANDLED_REASONS: Readonly<Record<string, Reason>> = Object.fromEntries(Object.values(R).map((r) => [r.code, r]));

/**
 * Why a petition is not handled (status "not_handled"), or null when it is to be settled. The first
 * applicable rule wins, in the order below.
 */
export function notHandledReason(p: PetitionIntake): Reason | null {
  if (p.kind === "denunciation") {
    if (p.anonymous) return R.anonymous;
    if (p.collective) return R.collective;
    if (p.withdrawn) return R.withdrawn;
    if (p.repeatsSettled && !p.hasNewContent) return R.repeated;
    if (p.unspecific) return R.unspecific;
    return null;
  }
  if (p.aboutDiscipline === false) return R.notAboutDiscipline;
  if (p.onBehalf) return R.onBehalf;
  if (p.refusedDecision) return R.refused;
  if (p.decisionReceivedOn == null || !isIsoDate(p.decisionReceivedOn)) return R.notReceived;
  if (p.receivedOn > appealLastDay(p.decisionReceivedOn)) return R.outOfTime;
  if (p.pendingOrFinalAbove) return R.pendingAbove;
  if (p.sentenced) return R.sentenced;
  return null;
}

// ---- Deadlines ----------------------------------------------------------------------------------

/** Days counted as "about to be missed" by default (the report's dueWithin5WorkingDays). */
export const DUE_SOON_WORKING_DAYS = 5;

export type DeadlineState =
  /** closed on or before its due day */
  | "met"
  /** closed after its due day */
  | "missed"
  /** open, past its due day */
  | "overdue"
  /** open, due within N working days from asOf (asOf itself included) */
  | "due_soon"
  /** open, later */
  | "open";

export interface Deadline {
  dueOn: IsoDate;
  /** settled / concluded; null while open */
  closedOn: IsoDate | null;
}

/** Where a deadline stands on `asOf` (a closing after `asOf` is not seen yet). */
export function deadlineState(d: Deadline, asOf: IsoDate, withinWorkingDays: number = DUE_SOON_WORKING_DAYS, calendar: WorkCalendar = VIETNAM_CALENDAR): DeadlineState {
  if (d.closedOn !== null && d.closedOn <= asOf) return d.closedOn > d.dueOn ? "missed" : "met";
  if (asOf > d.dueOn) return "overdue";
  return d.dueOn <= addWorkingDays(asOf, withinWorkingDays, calendar) ? "due_soon" : "open";
}

/** Working days left until the due day (0 on the due day, negative once overdue). */
export function workingDaysLeft(dueOn: IsoDate, asOf: IsoDate, calendar: WorkCalendar = VIETNAM_CALENDAR): number {
  return workingDaysBetween(asOf, dueOn, calendar);
}

/** The report's `deadlines` figure over open deadlines. */
export function countDeadlines(deadlines: readonly Deadline[], asOf: IsoDate, withinWorkingDays: number = DUE_SOON_WORKING_DAYS, calendar: WorkCalendar = VIETNAM_CALENDAR): { dueSoon: number; overdue: number } {
  let dueSoon = 0;
  let overdue = 0;
  for (const d of deadlines) {
    const state = deadlineState(d, asOf, withinWorkingDays, calendar);
    if (state === "due_soon") dueSoon++;
    else if (state === "overdue") overdue++;
  }
  return { dueSoon, overdue };
}
