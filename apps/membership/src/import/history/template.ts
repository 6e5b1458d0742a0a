// The column templates of the history files (issue #10): a board brings its register's past years in —
// admissions with the decision and ceremony dates, recognitions, party cards, badges proposed and awarded,
// quality ratings, transfers, removals; and organizations' ratings. Each row names a member already in the
// register by national ID (imported with the member template first), or an organization by its code
// (org-ratings). docs/import-template.md "History" lists them; a header cell may be the Vietnamese name or the
// English key, as in the member template.
import { HISTORY_IMPORT_KINDS, type HistoryImportKind, type RatingLevel, type RemovalKind, type TransferKind } from "@orgboard/contract-membership";
import type { Column } from "../template.js";

export { HISTORY_IMPORT_KINDS, type HistoryImportKind };

const nationalId = { key: "nationalId", header: "Số định danh cá nhân", required: true, format: "12 chữ số (CCCD) của đảng viên đã có trong danh sách" } as const;

// A year's rating, of a member or of an organization.
const year = { key: "year", header: "Năm", required: true, format: "yyyy" } as const;
const level = { key: "level", header: "Xếp loại", required: true, format: "Hoàn thành xuất sắc nhiệm vụ | Hoàn thành tốt nhiệm vụ | Hoàn thành nhiệm vụ | Không hoàn thành nhiệm vụ" } as const;

export const HISTORY_COLUMNS = {
  admissions: [
    nationalId,
    { key: "decidedOn", header: "Ngày quyết định kết nạp", required: true, format: "dd/mm/yyyy" },
    { key: "decisionNumber", header: "Số quyết định kết nạp", required: false, format: "văn bản" },
    { key: "admittedOn", header: "Ngày lễ kết nạp", required: true, format: "dd/mm/yyyy; = ngày vào Đảng của đảng viên" },
  ],
  recognitions: [
    nationalId,
    { key: "outcome", header: "Kết quả", required: true, format: "Công nhận chính thức | Không công nhận" },
    { key: "decidedOn", header: "Ngày quyết định", required: true, format: "dd/mm/yyyy" },
  ],
  cards: [
    nationalId,
    { key: "number", header: "Số thẻ đảng viên", required: true, format: "4–20 chữ số / chữ cái" },
    { key: "issuedOn", header: "Ngày phát thẻ", required: true, format: "dd/mm/yyyy" },
    { key: "decisionNumber", header: "Số quyết định phát thẻ", required: false, format: "văn bản" },
  ],
  badges: [
    nationalId,
    { key: "years", header: "Huy hiệu (năm tuổi đảng)", required: true, format: "30 | 40 | 45 | … | 90" },
    { key: "proposedOn", header: "Ngày đề nghị", required: true, format: "dd/mm/yyyy" },
    { key: "awardedOn", header: "Ngày trao tặng", required: false, format: "dd/mm/yyyy; để trống nếu chưa trao" },
    { key: "decisionNumber", header: "Số quyết định tặng", required: false, format: "văn bản" },
  ],
  ratings: [
    nationalId,
    year,
    level,
  ],
  transfers: [
    nationalId,
    { key: "kind", header: "Hình thức chuyển", required: true, format: "Chính thức | Tạm thời" },
    { key: "fromCode", header: "Mã tổ chức chuyển đi", required: false, format: "mã tổ chức đảng; để trống nếu từ ngoài hệ thống" },
    { key: "fromDescription", header: "Nơi chuyển đi (ngoài hệ thống)", required: false, format: "văn bản; bắt buộc khi không có mã tổ chức chuyển đi" },
    { key: "toCode", header: "Mã tổ chức nơi đến", required: false, format: "mã tổ chức đảng; để trống nếu ra ngoài hệ thống" },
    { key: "toDescription", header: "Nơi đến (ngoài hệ thống)", required: false, format: "văn bản; bắt buộc khi không có mã tổ chức nơi đến" },
    { key: "letterNumber", header: "Số giấy giới thiệu", required: false, format: "văn bản" },
    { key: "issuedOn", header: "Ngày giới thiệu đi", required: false, format: "dd/mm/yyyy; để trống = ngày tiếp nhận" },
    { key: "receivedOn", header: "Ngày tiếp nhận", required: true, format: "dd/mm/yyyy" },
    { key: "returnedOn", header: "Ngày trở về", required: false, format: "dd/mm/yyyy; chỉ với chuyển tạm thời đã kết thúc" },
  ],
  removals: [
    nationalId,
    { key: "kind", header: "Hình thức", required: true, format: "Khai trừ | Xóa tên | Cho ra khỏi Đảng" },
    { key: "removedOn", header: "Ngày ra khỏi Đảng", required: true, format: "dd/mm/yyyy" },
    { key: "decisionNumber", header: "Số quyết định", required: false, format: "văn bản" },
  ],
  "org-ratings": [
    { key: "orgCode", header: "Mã tổ chức", required: true, format: "mã tổ chức đảng đã có trong hệ thống" },
    year,
    level,
  ],
} as const satisfies Record<HistoryImportKind, readonly Column[]>;

export type HistoryColumnKey<K extends HistoryImportKind> = (typeof HISTORY_COLUMNS)[K][number]["key"];

export const OUTCOME_LABELS = { recognized: "Công nhận chính thức", not_recognized: "Không công nhận" } as const;
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = { official: "Chính thức", temporary: "Tạm thời" };
export const REMOVAL_KIND_LABELS: Record<RemovalKind, string> = { expelled: "Khai trừ", struck_off: "Xóa tên", allowed_to_leave: "Cho ra khỏi Đảng" };
export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  excellent: "Hoàn thành xuất sắc nhiệm vụ",
  good: "Hoàn thành tốt nhiệm vụ",
  completed: "Hoàn thành nhiệm vụ",
  not_completed: "Không hoàn thành nhiệm vụ",
};
