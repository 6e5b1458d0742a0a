// The inspection service's API as the CLI uses it (`orgboard report inspection`): a tRPC client typed by
// its wire contract (@orgboard/contract-inspection), the official's bearer token on every call, and the
// annual report as a readable table (Vietnamese first; figures defined in docs/inspection.md).
import { createTRPCClient } from "@trpc/client";
import { createServiceLinks, type ContractRouter, type TokenGetter } from "@orgboard/contracts";
import type { AnnualReport, AnnualReportInput, inspectionContract, SubjectCounts } from "@orgboard/contract-inspection";
import { DEFAULT_PORTS } from "../start/config.js";
import { transferFetch } from "./transfer.js";

type InspectionRouter = ContractRouter<typeof inspectionContract>;

/** --api, else INSPECTION_URL, else the local `npm start` inspection (ORGBOARD_INSPECTION_PORT, default 3003). */
export function inspectionUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = given ?? env.INSPECTION_URL ?? `http://127.0.0.1:${env.ORGBOARD_INSPECTION_PORT || DEFAULT_PORTS.inspection}`;
  return raw.replace(/\/+$/, "").replace(/\/trpc$/, "");
}

export interface InspectionApi {
  annualReport(input: AnnualReportInput): Promise<AnnualReport>;
}

export function inspectionApi(baseUrl: string, getToken: TokenGetter): InspectionApi {
  const fetchImpl = transferFetch(baseUrl, undefined, { service: "inspection", variable: "INSPECTION_URL" });
  const client = createTRPCClient<InspectionRouter>({ links: [createServiceLinks<InspectionRouter>({ inspection: `${baseUrl}/trpc` }, getToken, { fetch: fetchImpl })] });
  return { annualReport: (input) => client.inspection.report.annual.query(input) };
}

// Labels of the value lists (Vietnamese first), in the contract's order; docs/glossary.md has the terms.
const INSPECTION_KIND_LABELS = {
  signs_of_violation: "Khi có dấu hiệu vi phạm / on signs of violation",
  lower_level_work: "Cấp dưới thực hiện kiểm tra, giám sát / lower levels' inspection work",
  party_finance: "Tài chính đảng / party finance",
  member_compliance: "Chi bộ kiểm tra đảng viên chấp hành / cells' compliance checks",
} as const;
const CONDUCTOR_LABELS = {
  committee: "Cấp ủy, ban thường vụ / committees",
  commission: "Ủy ban kiểm tra / inspection commissions",
  grassroots_committee: "Đảng ủy cơ sở / grassroots committees",
  cell: "Chi bộ / cells",
} as const;
const SUPERVISION_KIND_LABELS = { regular: "Thường xuyên / regular", thematic: "Chuyên đề / thematic" } as const;
const MEMBER_FORM_LABELS = { reprimand: "Khiển trách / reprimand", warning: "Cảnh cáo / warning", dismissal: "Cách chức / dismissal", expulsion: "Khai trừ / expulsion" } as const;
const ORG_FORM_LABELS = { reprimand: "Khiển trách / reprimand", warning: "Cảnh cáo / warning", dissolution: "Giải tán / dissolution" } as const;

// Vietnamese separators (1.234.567 and 3,25), as membership's report prints them.
const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const formatInteger = (n: number): string => integer.format(n);
const formatPercent = (n: number | null): string => (n === null ? "—" : `${decimal.format(n)} %`);

// A row: a heading, a rule, one figure, or the organizations and members a figure counts (two columns).
type Row = "rule" | [heading: string] | [label: string, value: string] | [label: string, organizations: string, members: string];
const COLUMNS: Row = ["", "tổ chức / orgs", "đảng viên / members"];
const subjects = (label: string, c: SubjectCounts | undefined): Row => [label, c ? formatInteger(c.organizations) : "—", c ? formatInteger(c.members) : "—"];
const counted = <K extends string>(labels: Record<K, string>, values: Partial<Record<K, SubjectCounts>>, indent = "  "): Row[] =>
  (Object.keys(labels) as K[]).map((k) => subjects(`${indent}${labels[k]}`, values[k]));

export function formatInspectionReport(r: AnnualReport): string {
  const petition = (label: string, p: AnnualReport["petitions"]["complaints"]): Row[] => [
    [label],
    ["  Tiếp nhận / received", formatInteger(p.received)],
    ["  Không xử lý theo quy định / not handled (by rule)", formatInteger(p.notHandled)],
    ["  Đã giải quyết / settled", formatInteger(p.settled)],
    ["  Quá hạn / late", formatInteger(p.late)],
  ];
  const rows: Row[] = [
    ["Chương trình kiểm tra, giám sát / Inspection and supervision programs"],
    ["Nội dung theo chương trình / planned items", formatInteger(r.program.items)],
    ["Đã hoàn thành / completed", formatInteger(r.program.completed)],
    ["Tỷ lệ hoàn thành / completion", formatPercent(r.program.percent)],
    "rule",
    ["Kiểm tra / Inspections"],
    COLUMNS,
    subjects("Tổng số / total", r.inspections.total),
    ...counted(INSPECTION_KIND_LABELS, r.inspections.byKind),
    ["Theo chủ thể / by conductor"],
    ...counted(CONDUCTOR_LABELS, r.inspections.byConductor),
    ["Đã kết luận / concluded", formatInteger(r.inspections.concluded)],
    ["Kết luận có vi phạm / violation found", formatInteger(r.inspections.withViolation)],
    "rule",
    ["Giám sát / Supervisions"],
    COLUMNS,
    subjects("Tổng số / total", r.supervisions.total),
    ...counted(SUPERVISION_KIND_LABELS, r.supervisions.byKind),
    ["Theo chủ thể / by conductor"],
    ...counted(CONDUCTOR_LABELS, r.supervisions.byConductor),
    ["Chuyển sang kiểm tra / became inspections", formatInteger(r.supervisions.becameInspections)],
    "rule",
    ["Thi hành kỷ luật / Discipline"],
    ["Tổ chức đảng bị kỷ luật / organizations disciplined", formatInteger(r.discipline.organizations.total)],
    ...(Object.keys(ORG_FORM_LABELS) as (keyof typeof ORG_FORM_LABELS)[]).map((k): Row => [`  ${ORG_FORM_LABELS[k]}`, formatInteger(r.discipline.organizations.byForm[k] ?? 0)]),
    ["Đảng viên bị kỷ luật / members disciplined", formatInteger(r.discipline.members.total)],
    ...(Object.keys(MEMBER_FORM_LABELS) as (keyof typeof MEMBER_FORM_LABELS)[]).map((k): Row => [`  ${MEMBER_FORM_LABELS[k]}`, formatInteger(r.discipline.members.byForm[k] ?? 0)]),
    ["Quyết định chưa thi hành được / effects refused, unresolved", formatInteger(r.discipline.effectsRefused)],
    "rule",
    ["Khiếu nại, tố cáo / Complaints and denunciations"],
    ...petition("Khiếu nại kỷ luật / complaints", r.petitions.complaints),
    ...petition("Tố cáo / denunciations", r.petitions.denunciations),
    "rule",
    ["Vụ việc theo dõi, chỉ đạo / Watch list"],
    ["Đưa vào theo dõi / added", formatInteger(r.watchList.added)],
    ["Kết thúc theo dõi / closed", formatInteger(r.watchList.closed)],
    ["Đang theo dõi / still watched", formatInteger(r.watchList.stillWatched)],
    "rule",
    ["Thời hạn / Deadlines"],
    ["Đến hạn trong 5 ngày làm việc / due within 5 working days", formatInteger(r.deadlines.dueWithin5WorkingDays)],
    ["Quá hạn / overdue", formatInteger(r.deadlines.overdue)],
  ];
  const labelWidth = Math.max(...rows.map((row) => (Array.isArray(row) && row.length > 1 ? row[0].length : 0)));
  const valueWidth = Math.max(12, ...rows.flatMap((row) => (Array.isArray(row) ? row.slice(1).map((v) => v.length) : [])));
  const width = labelWidth + 2 * (valueWidth + 3);
  const lines = [`BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT NĂM ${r.year} / ANNUAL INSPECTION REPORT ${r.year}`, `Tổ chức / organization ${r.orgPath}`, "=".repeat(width)];
  for (const row of rows) {
    if (row === "rule") lines.push("-".repeat(width));
    else if (row.length === 1) lines.push(row[0]);
    // One figure stands in the last column, under "members" where both are shown.
    else if (row.length === 2) lines.push(`${row[0].padEnd(labelWidth)}   ${"".padStart(valueWidth)}   ${row[1].padStart(valueWidth)}`);
    else lines.push(`${row[0].padEnd(labelWidth)}   ${row[1].padStart(valueWidth)}   ${row[2].padStart(valueWidth)}`);
  }
  lines.push("=".repeat(width));
  return `${lines.join("\n")}\n`;
}
