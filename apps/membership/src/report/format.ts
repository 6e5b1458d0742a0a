// The annual report as a readable text table: Vietnamese label first, English second; numbers with
// Vietnamese separators (1.234.567 and 3,25), dates dd/mm/yyyy.
import { formatDateVi } from "@orgboard/locale-vi";
import type { AnnualReport, RatingDistribution } from "./annual.js";

const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatInteger = (n: number): string => integer.format(n);
const decimalOrInteger = (n: number): string => (Number.isInteger(n) ? integer.format(n) : decimal.format(n));
export const formatPercent = (n: number | null): string => (n === null ? "—" : `${decimal.format(n)} %`);

type Row = [label: string, value: string] | "rule" | [heading: string];

function ratingRows(prefix: string, d: RatingDistribution): Row[] {
  return [
    [`${prefix}: hoàn thành xuất sắc / excellent`, formatInteger(d.excellent)],
    [`${prefix}: hoàn thành tốt / good`, formatInteger(d.good)],
    [`${prefix}: hoàn thành / completed`, formatInteger(d.completed)],
    [`${prefix}: không hoàn thành / not completed`, formatInteger(d.notCompleted)],
    [`${prefix}: tổng số được xếp loại / rated`, formatInteger(d.total)],
    [`${prefix}: tỷ lệ tốt trở lên / good or better`, formatPercent(d.goodOrBetterPercent)],
  ];
}

export function formatAnnualReport(r: AnnualReport): string {
  const rows: Row[] = [
    ["Đảng viên / Members"],
    [`Đảng viên đến 31/12/${r.year - 1} / members at 31/12/${r.year - 1}`, formatInteger(r.members.atStartOfYear)],
    [`Tổng số đảng viên đến ${formatDateVi(r.asOf)} / total members`, formatInteger(r.totalMembers)],
    "rule",
    ["Kết nạp / Admissions"],
    ["Kết nạp đảng viên mới / admissions", formatInteger(r.admissions.count)],
    ["Chỉ tiêu kết nạp / admissions plan", r.admissions.plan === null ? "—" : formatInteger(r.admissions.plan)],
    ["Tỷ lệ đạt chỉ tiêu / plan achieved", formatPercent(r.admissions.planPercent)],
    [`Tỷ lệ kết nạp so với đảng viên 31/12/${r.year - 1} / admission rate`, formatPercent(r.admissions.ratePercent)],
    ["Chuyển đảng chính thức / made official", formatInteger(r.madeOfficial)],
    ["Không công nhận chính thức / not recognized", formatInteger(r.notRecognized)],
    ["Phát thẻ đảng viên / party cards issued", formatInteger(r.cardsIssued)],
    "rule",
    ["Chuyển sinh hoạt đảng / Transfers"],
    ["Chính thức — đến / official in", formatInteger(r.transfers.officialIn)],
    ["Chính thức — đi / official out", formatInteger(r.transfers.officialOut)],
    ["Tạm thời — đến / temporary in", formatInteger(r.transfers.temporaryIn)],
    ["Tạm thời — đi / temporary out", formatInteger(r.transfers.temporaryOut)],
    "rule",
    ["Huy hiệu Đảng / Party badges"],
    ["Đề nghị tặng / proposed", formatInteger(r.badges.proposed)],
    ["Đã trao tặng / awarded", formatInteger(r.badges.awarded)],
    "rule",
    ["Giảm đảng viên / Departures"],
    ["Khai trừ / expelled", formatInteger(r.removals.expelled)],
    ["Xóa tên / struck off", formatInteger(r.removals.struckOff)],
    ["Cho ra khỏi Đảng / allowed to leave", formatInteger(r.removals.allowedToLeave)],
    ["Từ trần / deceased", formatInteger(r.deaths)],
    "rule",
    ["Xếp loại chất lượng / Quality ratings"],
    ...ratingRows("Đảng viên / members", r.ratings.members),
    ...ratingRows("Tổ chức đảng / organizations", r.ratings.organizations),
    "rule",
    ["Tổ chức / Organizations"],
    ["Tổ chức cơ sở đảng / grassroots organizations", formatInteger(r.structure.grassrootsTotal)],
    ["  Đảng bộ cơ sở / grassroots committees", formatInteger(r.structure.grassrootsCommittees)],
    ["  Chi bộ cơ sở / grassroots cells", formatInteger(r.structure.grassrootsCells)],
    ["Đảng bộ cấp trên cơ sở / upper-grassroots committees", formatInteger(r.structure.upperGrassrootsCommittees)],
    ["Đảng bộ bộ phận / partial committees", formatInteger(r.structure.partialCommittees)],
    ["  Chi bộ trực thuộc đảng bộ bộ phận / cells under partial committees", formatInteger(r.structure.cellsUnderPartialCommittees)],
    ["Chi bộ trực thuộc đảng ủy cơ sở / cells under grassroots committees", formatInteger(r.structure.cellsUnderGrassrootsCommittees)],
    ["Tổng số chi bộ trực thuộc / all subordinate cells", formatInteger(r.structure.subordinateCells)],
  ];
  const labelWidth = Math.max(...rows.map((row) => (Array.isArray(row) ? row[0].length : 0)));
  const valueWidth = Math.max(12, ...rows.map((row) => (Array.isArray(row) && row.length === 2 ? row[1].length : 0)));
  const width = labelWidth + valueWidth + 3;
  const lines = [
    // The title docs/kpis.md gives the report ("báo cáo công tác xây dựng Đảng năm …").
    `BÁO CÁO CÔNG TÁC XÂY DỰNG ĐẢNG NĂM ${r.year} / ANNUAL PARTY-BUILDING REPORT ${r.year}`,
    `${r.orgName} (${r.orgPath})`,
    `Số liệu đến ngày / as of ${formatDateVi(r.asOf)}`,
  ];
  if (r.closed) lines.push(`Đã khóa sổ ngày ${formatDateVi(r.closed.closedOn)} (${r.closed.closedBy}): số liệu đã công bố / closed on ${formatDateVi(r.closed.closedOn)}: the published figures`);
  lines.push("=".repeat(width));
  for (const row of rows) {
    if (row === "rule") lines.push("-".repeat(width));
    else if (row.length === 1) lines.push(row[0]);
    else lines.push(`${row[0].padEnd(labelWidth)}   ${row[1].padStart(valueWidth)}`);
  }
  lines.push("=".repeat(width));
  if (r.amendments && r.amendments.length > 0) {
    // Entries dated in the closed year recorded after it closed: shown beside, never folded into, the published figures.
    lines.push("Điều chỉnh sau khóa sổ / Amendments after closing (đã công bố → điều chỉnh / published → amended)");
    const figure = (n: number | null) => (n === null ? "—" : decimalOrInteger(n));
    for (const a of r.amendments) lines.push(`  ${a.figure}: ${figure(a.published)} → ${figure(a.amended)}`);
  }
  return lines.join("\n") + "\n";
}
