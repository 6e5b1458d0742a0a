// The column templates of the member and organization files (CSV and XLSX), shared by import, export and
// docs/import-template.md. A header cell may be the Vietnamese name or the English key.
import type { Gender, MemberStatus, OrgKind, Sector } from "../domain/enums.js";

export interface Column<K extends string = string> {
  key: K;
  header: string;
  required: boolean;
  /** What the cell holds (for the docs and error messages). */
  format: string;
}

export const MEMBER_COLUMNS = [
  { key: "fullName", header: "Họ và tên", required: true, format: "họ, tên đệm và tên" },
  { key: "birthDate", header: "Ngày sinh", required: true, format: "dd/mm/yyyy" },
  { key: "gender", header: "Giới tính", required: true, format: "Nam | Nữ" },
  { key: "ethnicity", header: "Dân tộc", required: true, format: "tên dân tộc, ví dụ Kinh" },
  { key: "nationalId", header: "Số định danh cá nhân", required: true, format: "12 chữ số (CCCD)" },
  { key: "orgCode", header: "Mã chi bộ", required: true, format: "mã của chi bộ đang sinh hoạt" },
  { key: "status", header: "Loại đảng viên", required: true, format: "Chính thức | Dự bị" },
  { key: "admittedOn", header: "Ngày vào Đảng", required: true, format: "dd/mm/yyyy" },
  { key: "officialOn", header: "Ngày chính thức", required: false, format: "dd/mm/yyyy; bắt buộc với đảng viên chính thức, để trống với dự bị" },
  { key: "partyCardNumber", header: "Số thẻ đảng viên", required: false, format: "4–20 chữ số / chữ cái" },
  { key: "joinedOrgOn", header: "Ngày đến chi bộ", required: false, format: "dd/mm/yyyy; mặc định = ngày vào Đảng" },
  { key: "hometown", header: "Quê quán", required: false, format: "văn bản" },
  { key: "occupation", header: "Nghề nghiệp", required: false, format: "văn bản" },
  { key: "education", header: "Trình độ học vấn", required: false, format: "văn bản" },
] as const satisfies readonly Column[];
export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]["key"];

export const ORG_COLUMNS = [
  { key: "code", header: "Mã tổ chức", required: true, format: "chữ, số, . _ - (không có /)" },
  { key: "name", header: "Tên tổ chức", required: true, format: "văn bản" },
  { key: "kind", header: "Loại tổ chức", required: true, format: "xem bảng loại tổ chức" },
  { key: "parentCode", header: "Mã tổ chức cấp trên", required: false, format: "để trống với đảng bộ trực thuộc Trung ương" },
  { key: "adminUnitCode", header: "Mã đơn vị hành chính", required: false, format: "mã tỉnh (2 số) hoặc xã (5 số), danh mục 2025" },
  { key: "sector", header: "Loại hình", required: false, format: "xem bảng loại hình" },
  { key: "openedOn", header: "Ngày thành lập", required: true, format: "dd/mm/yyyy" },
  { key: "closedOn", header: "Ngày giải thể", required: false, format: "dd/mm/yyyy" },
] as const satisfies readonly Column[];
export type OrgColumnKey = (typeof ORG_COLUMNS)[number]["key"];

export const GENDER_LABELS: Record<Gender, string> = { male: "Nam", female: "Nữ" };
export const STATUS_LABELS: Partial<Record<MemberStatus, string>> = { official: "Chính thức", probationary: "Dự bị" };

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  provincial_committee: "Đảng bộ trực thuộc Trung ương",
  upper_grassroots_committee: "Đảng bộ cấp trên cơ sở",
  grassroots_committee: "Đảng bộ cơ sở",
  grassroots_cell: "Chi bộ cơ sở",
  partial_committee: "Đảng bộ bộ phận",
  subordinate_cell: "Chi bộ trực thuộc",
};

export const SECTOR_LABELS: Record<Sector, string> = {
  commune: "Xã",
  ward: "Phường",
  township: "Thị trấn",
  special_zone: "Đặc khu",
  party_mass_org_agency: "Cơ quan Đảng, Mặt trận, đoàn thể",
  state_agency: "Cơ quan nhà nước",
  public_service_unit: "Đơn vị sự nghiệp công lập",
  school: "Trường học",
  non_public_service_unit: "Đơn vị sự nghiệp ngoài công lập",
  state_enterprise: "Doanh nghiệp nhà nước",
  non_state_enterprise: "Doanh nghiệp ngoài nhà nước",
  foreign_invested_enterprise: "Doanh nghiệp có vốn đầu tư nước ngoài",
  cooperative: "Hợp tác xã",
  armed_forces: "Quân đội",
  police: "Công an",
  overseas: "Ngoài nước",
  other: "Khác",
};

const labelMaps = new WeakMap<object, Map<string, string>>();

/** Lookup of a key or its label, ignoring surrounding spaces and letter case (accents matter). */
export function lookupLabel<K extends string>(labels: Record<K, string>, input: string): K | undefined {
  // Called for every row of a million-row import: one map per label table, exact match first.
  let map = labelMaps.get(labels);
  if (!map) {
    map = new Map();
    for (const [key, label] of Object.entries(labels) as [K, string][]) {
      for (const v of [key, label]) {
        map.set(v, key);
        map.set(v.normalize("NFC").toLowerCase(), key);
      }
    }
    labelMaps.set(labels, map);
  }
  return (map.get(input) ?? map.get(input.trim().normalize("NFC").toLowerCase())) as K | undefined;
}
