// Shape checks of one history row (pure: no database). Each problem names its column, as the member
// import's row errors do; the checks against the register (the member exists, dates agree with its record,
// nothing recorded twice) are in import.ts.
import { parseDateVi } from "@orgboard/locale-vi";
import { BADGE_YEARS, RATING_LEVELS, type BadgeYears, type RatingLevel, type RemovalKind, type TransferKind } from "@orgboard/contract-membership";
import { rowMessages, text } from "@orgboard/messages";
import type { RowIssue } from "../validate.js";
import { lookupLabel } from "../template.js";
import { OUTCOME_LABELS, RATING_LEVEL_LABELS, REMOVAL_KIND_LABELS, TRANSFER_KIND_LABELS, type HistoryImportKind } from "./template.js";

type Values = Partial<Record<string, string>>;

export type HistoryRow =
  | { kind: "admissions"; row: number; nationalId: string; decidedOn: string; decisionNumber: string | null; admittedOn: string }
  | { kind: "recognitions"; row: number; nationalId: string; outcome: "recognized" | "not_recognized"; decidedOn: string }
  | { kind: "cards"; row: number; nationalId: string; number: string; issuedOn: string; decisionNumber: string | null }
  | { kind: "badges"; row: number; nationalId: string; years: BadgeYears; proposedOn: string; awardedOn: string | null; decisionNumber: string | null }
  | { kind: "ratings"; row: number; nationalId: string; year: number; level: RatingLevel }
  | {
      kind: "transfers";
      row: number;
      nationalId: string;
      transferKind: TransferKind;
      fromCode: string | null;
      fromDescription: string | null;
      toCode: string | null;
      toDescription: string | null;
      letterNumber: string | null;
      issuedOn: string;
      receivedOn: string;
      returnedOn: string | null;
    }
  | { kind: "removals"; row: number; nationalId: string; removalKind: RemovalKind; removedOn: string; decisionNumber: string | null }
  | { kind: "org-ratings"; row: number; orgCode: string; year: number; level: RatingLevel };


/** "<vi> / <en>" (@orgboard/messages): every row reason, Vietnamese first. */
const say = (vi: string, en: string) => text({ vi, en });

const CARD_PATTERN = /^[0-9A-Za-z.-]{4,20}$/;

/** Validates the cells of one row; `today` only bounds the future (rules at the date of the act). */
export function parseHistoryRow(kind: HistoryImportKind, row: number, values: Values, today: string): { ok: true; value: HistoryRow } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const issue = (column: string, reason: string) => issues.push({ row, column, reason });
  const cell = (key: string, required: boolean, max = 100): string | null => {
    const v = (values[key] ?? "").trim();
    if (v === "") {
      if (required) issue(key, text(rowMessages.required()));
      return null;
    }
    if (v.length > max) issue(key, text(rowMessages.tooLong(max)));
    return v;
  };
  const date = (key: string, required: boolean): string | null => {
    const v = cell(key, required);
    if (v === null) return null;
    const r = parseDateVi(v, { minYear: 1930 });
    if (!r.ok) {
      issue(key, text(rowMessages.date(r.reason, r.message)));
      return null;
    }
    if (r.iso > today) issue(key, text(rowMessages.future()));
    return r.iso;
  };
  const nationalId = kind === "org-ratings" ? null : cell("nationalId", true);
  if (nationalId !== null && !/^\d{12}$/.test(nationalId)) issue("nationalId", say("số định danh phải có 12 chữ số", "must be 12 digits"));
  // A past year's rating (members and organizations alike): this year's is made in the system.
  const pastYear = (): number | undefined => {
    const y = cell("year", true);
    const year = y !== null && /^\d{4}$/.test(y) ? Number(y) : undefined;
    if (y !== null && (year === undefined || year < 1930)) issue("year", say(`"${y}" không phải là năm`, `"${y}" is not a year`));
    else if (year !== undefined && year >= Number(today.slice(0, 4))) issue("year", say(`chỉ nhập các năm đã qua (xếp loại năm ${year} làm trong hệ thống)`, `only past years are imported (the rating of ${year} is made in the system)`));
    return year;
  };
  const ratingLevel = (): RatingLevel | undefined => {
    const label = cell("level", true);
    const level = label === null ? undefined : lookupLabel(RATING_LEVEL_LABELS, label);
    if (label !== null && (level === undefined || !RATING_LEVELS.includes(level))) issue("level", say(`"${label}" không phải mức xếp loại (${Object.values(RATING_LEVEL_LABELS).join(" | ")})`, `"${label}" is not a rating level (${Object.values(RATING_LEVEL_LABELS).join(" | ")})`));
    return level;
  };

  let value: HistoryRow | null = null;
  switch (kind) {
    case "admissions": {
      const decidedOn = date("decidedOn", true);
      const decisionNumber = cell("decisionNumber", false, 50);
      const admittedOn = date("admittedOn", true);
      if (decidedOn && admittedOn && decidedOn > admittedOn) issue("decidedOn", say(`ngày quyết định (${decidedOn}) không thể sau lễ kết nạp (${admittedOn})`, `the decision (${decidedOn}) cannot be after the ceremony (${admittedOn})`));
      if (decidedOn && admittedOn) value = { kind, row, nationalId: nationalId ?? "", decidedOn, decisionNumber, admittedOn };
      break;
    }
    case "recognitions": {
      const label = cell("outcome", true);
      const outcome = label === null ? undefined : lookupLabel(OUTCOME_LABELS, label);
      if (label !== null && outcome === undefined) issue("outcome", say(`"${label}" không phải kết quả (${Object.values(OUTCOME_LABELS).join(" | ")})`, `"${label}" is not an outcome (${Object.values(OUTCOME_LABELS).join(" | ")})`));
      const decidedOn = date("decidedOn", true);
      if (outcome && decidedOn) value = { kind, row, nationalId: nationalId ?? "", outcome, decidedOn };
      break;
    }
    case "cards": {
      const number = cell("number", true, 20);
      if (number !== null && !CARD_PATTERN.test(number)) issue("number", text(rowMessages.cardNumber()));
      const issuedOn = date("issuedOn", true);
      const decisionNumber = cell("decisionNumber", false, 50);
      if (number && issuedOn) value = { kind, row, nationalId: nationalId ?? "", number, issuedOn, decisionNumber };
      break;
    }
    case "badges": {
      const y = cell("years", true);
      const years = y === null ? undefined : (BADGE_YEARS as readonly number[]).find((b) => String(b) === y);
      if (y !== null && years === undefined) issue("years", say(`"${y}" không phải mức Huy hiệu (${BADGE_YEARS.join(", ")})`, `"${y}" is not a badge level (${BADGE_YEARS.join(", ")})`));
      const proposedOn = date("proposedOn", true);
      const awardedOn = date("awardedOn", false);
      if (proposedOn && awardedOn && awardedOn < proposedOn) issue("awardedOn", say(`trước ngày đề nghị (${proposedOn})`, `is before the proposal (${proposedOn})`));
      const decisionNumber = cell("decisionNumber", false, 50);
      if (years !== undefined && proposedOn) value = { kind, row, nationalId: nationalId ?? "", years: years as BadgeYears, proposedOn, awardedOn, decisionNumber };
      break;
    }
    case "ratings": {
      const year = pastYear();
      const level = ratingLevel();
      if (year !== undefined && level) value = { kind, row, nationalId: nationalId ?? "", year, level };
      break;
    }
    case "transfers": {
      const label = cell("kind", true);
      const transferKind = label === null ? undefined : lookupLabel(TRANSFER_KIND_LABELS, label);
      if (label !== null && transferKind === undefined) issue("kind", say(`"${label}" không phải hình thức chuyển (Chính thức | Tạm thời)`, `"${label}" is not a kind of transfer (Chính thức | Tạm thời)`));
      const fromCode = cell("fromCode", false, 64);
      const fromDescription = cell("fromDescription", false, 200);
      const toCode = cell("toCode", false, 64);
      const toDescription = cell("toDescription", false, 200);
      const letterNumber = cell("letterNumber", false, 50);
      const issued = date("issuedOn", false);
      const receivedOn = date("receivedOn", true);
      const returnedOn = date("returnedOn", false);
      // One end at least is an organization of the system; an end outside it is described instead.
      if (fromCode === null && toCode === null) issue("fromCode", say("cần mã tổ chức chuyển đi hoặc mã tổ chức nơi đến (ít nhất một nơi trong hệ thống)", "a code of the sending or the receiving organization is needed (one end at least in the system)"));
      else if (fromCode === null && fromDescription === null) issue("fromDescription", say("bắt buộc khi không có mã tổ chức chuyển đi (nơi ngoài hệ thống)", "is required when there is no sending organization's code (a place outside the system)"));
      else if (toCode === null && toDescription === null) issue("toDescription", say("bắt buộc khi không có mã tổ chức nơi đến (nơi ngoài hệ thống)", "is required when there is no receiving organization's code (a place outside the system)"));
      if (fromCode !== null && toCode !== null && fromCode.toLowerCase() === toCode.toLowerCase()) issue("toCode", say("trùng với tổ chức chuyển đi", "is the sending organization itself"));
      if (issued && receivedOn && receivedOn < issued) issue("receivedOn", say(`trước ngày giới thiệu đi (${issued})`, `is before the letter was issued (${issued})`));
      if (returnedOn !== null && transferKind === "official") issue("returnedOn", say("chỉ việc chuyển tạm thời mới có ngày trở về", "only a temporary transfer has a return date"));
      if (returnedOn && receivedOn && returnedOn < receivedOn) issue("returnedOn", say(`trước ngày tiếp nhận (${receivedOn})`, `is before the arrival (${receivedOn})`));
      if (transferKind && receivedOn) {
        value = { kind, row, nationalId: nationalId ?? "", transferKind, fromCode, fromDescription, toCode, toDescription, letterNumber, issuedOn: issued ?? receivedOn, receivedOn, returnedOn };
      }
      break;
    }
    case "removals": {
      const label = cell("kind", true);
      const removalKind = label === null ? undefined : lookupLabel(REMOVAL_KIND_LABELS, label);
      const kinds = Object.values(REMOVAL_KIND_LABELS).join(" | ");
      if (label !== null && removalKind === undefined) issue("kind", say(`"${label}" không phải hình thức ra khỏi Đảng (${kinds})`, `"${label}" is not a kind of removal (${kinds})`));
      const removedOn = date("removedOn", true);
      const decisionNumber = cell("decisionNumber", false, 50);
      if (removalKind && removedOn) value = { kind, row, nationalId: nationalId ?? "", removalKind, removedOn, decisionNumber };
      break;
    }
    case "org-ratings": {
      const orgCode = cell("orgCode", true, 64);
      const year = pastYear();
      const level = ratingLevel();
      if (orgCode && year !== undefined && level) value = { kind, row, orgCode, year, level };
      break;
    }
  }
  return issues.length === 0 && value ? { ok: true, value } : { ok: false, issues };
}
