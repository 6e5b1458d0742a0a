// `orgboard import | export | report` against a running system: through the membership service's API
// with the official's own token (`orgboard login`, or ORGBOARD_TOKEN), so the service applies the
// official's roles and scope and its audit trail names the official. Progress on stderr, data on stdout.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { formatAnnualReport } from "@orgboard/membership";
import { jwtClaims } from "../auth/oidc.js";
import { officialToken } from "../auth/session.js";
import { CliInputError, printRejected } from "../errors.js";
import { progressBar, type Progress } from "../progress.js";
import { HISTORY_KINDS, membershipApi, membershipUrl, type FileFormat, type HistoryKind, type ImportKind } from "./client.js";
import { formatInspectionReport, inspectionApi, inspectionUrl } from "./inspection.js";
import { formatPersonnelReport, personnelApi, personnelUrl } from "./personnel.js";
import { transferFetch } from "./transfer.js";

const out = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);

interface ApiOptions {
  api?: string;
  issuer?: string;
  org?: string;
}

const year = (value: string) => {
  if (!/^\d{4}$/.test(value.trim())) throw new InvalidArgumentError(`--year phải là năm / must be a year, got "${value}"`);
  return Number(value);
};

function formatOf(file: string): FileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new CliInputError("FILE", `tệp phải là .csv hoặc .xlsx / the file must be .csv or .xlsx: ${file}`);
}

/** --org, else the official's one organization (the token's org_paths), else ask for --org. */
async function orgPathFor(opts: ApiOptions, token: () => Promise<string>): Promise<string> {
  if (opts.org) return opts.org;
  const paths = jwtClaims(await token()).org_paths;
  if (Array.isArray(paths) && paths.length === 1 && typeof paths[0] === "string") return paths[0];
  throw new CliInputError("--org", "cần chỉ rõ tổ chức / name the organization, e.g. --org /01/");
}

function session(opts: ApiOptions, bar?: Progress) {
  const token = officialToken({ issuer: opts.issuer });
  const base = membershipUrl(opts.api);
  const api = membershipApi(base, token, transferFetch(base, bar ? (sent, total) => bar.update(sent, total, sent < total ? "tải lên / uploading" : "máy chủ đang xử lý / the server is processing") : undefined));
  return { token, api };
}


const apiOptions = (c: Command) =>
  c
    .option("--api <url>", "dịch vụ membership / the membership service (MEMBERSHIP_URL; default the local npm start one, http://127.0.0.1:3001)")
    .option("--issuer <url>", "realm của phiên đăng nhập / the realm of the login to use (ORGBOARD_ISSUER; default the last login)");

export function registerApiCommands(program: Command, setExit: (code: number) => void): void {
  const kinds = ["members", "orgs"];

  apiOptions(
    program
      .command("import")
      .description("nhập đảng viên/tổ chức/lịch sử qua API / import members, organizations or past years (history-*) through the API, as you (all rows or none)")
      .addArgument(program.createArgument("<kind>", `members | orgs | ${HISTORY_KINDS.join(" | ")}`).choices([...kinds, ...HISTORY_KINDS]))
      .argument("<file>", "a .csv or .xlsx file in the template of docs/import-template.md")
      .option("--org <path>", "tổ chức chứa mọi dòng / the subtree every row must fall in (default: your organization)"),
  ).action(async (kind: ImportKind | HistoryKind, file: string, opts: ApiOptions) => {
    const format = formatOf(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CliInputError("FILE", `không có tệp / no such file: ${file}`);
    }
    const bar = progressBar(`import ${kind}`);
    try {
      const { token, api } = session(opts, bar);
      const orgPath = await orgPathFor(opts, token);
      bar.update(0, bytes.length, "tải lên / uploading");
      const result = await api.importFile(kind, { orgPath, format, bytes, fileName: path.basename(file) });
      bar.update(1, 1, result.ok ? "xong / done" : "bị từ chối / refused");
      bar.stop();
      if (!result.ok) return setExit(printRejected(result));
      const [vi, en] = kind === "members" ? ["đảng viên", "members"] : kind === "orgs" ? ["tổ chức", "organizations"] : ["bản ghi lịch sử", `history records (${kind.slice("history-".length)})`];
      out(`Đã nhập ${result.imported} ${vi} / imported ${result.imported} ${en} (${result.orgPath}, import ${result.importId})`);
    } finally {
      bar.stop();
    }
  });

  apiOptions(
    program
      .command("export")
      .description("xuất đảng viên/tổ chức qua API / export members or organizations of a subtree through the API, in the import template")
      .addArgument(program.createArgument("<kind>", "members | orgs").choices(kinds))
      .argument("<file>", "a .csv or .xlsx file to write")
      .option("--org <path>", "tổ chức / organization path of the subtree, e.g. /01/ (default: your organization)"),
  ).action(async (kind: ImportKind, file: string, opts: ApiOptions) => {
    const format = formatOf(file);
    const bar = progressBar(`export ${kind}`);
    try {
      const { token, api } = session(opts);
      const orgPath = await orgPathFor(opts, token);
      bar.update(0, 2, "máy chủ đang xuất / the server is exporting");
      const exported = await api.exportFile(kind, { orgPath, format });
      bar.update(1, 2, "ghi tệp / writing");
      writeFileSync(file, exported.bytes);
      bar.update(2, 2, "xong / done");
      bar.stop();
      out(`Đã xuất ${exported.rows} ${kind === "members" ? "đảng viên" : "tổ chức"} vào ${file} / exported ${exported.rows} ${kind === "members" ? "members" : "organizations"} to ${file}`);
    } finally {
      bar.stop();
    }
  });

  const report = program.command("report").description("báo cáo qua API / reports through the API");
  apiOptions(
    report
      .command("annual")
      .description("báo cáo năm của một tổ chức / the annual report of a subtree")
      .option("--org <path>", "tổ chức / organization path, e.g. / or /01/ (default: your organization)")
      .requiredOption("--year <year>", "năm báo cáo / report year", year)
      .option("--json", "in JSON thay cho bảng / print JSON instead of the table", false),
  ).action(async (opts: ApiOptions & { year: number; json: boolean }) => {
    const { token, api } = session(opts);
    const orgPath = await orgPathFor(opts, token);
    const r = await api.annualReport({ orgPath, year: opts.year });
    out(opts.json ? JSON.stringify(r, null, 2) : formatAnnualReport(r));
  });

  apiOptions(
    report
      .command("close")
      .description("khóa sổ báo cáo năm của một tổ chức: số liệu đã công bố không thay đổi nữa / close a year's annual report of a subtree: its published figures are frozen")
      .option("--org <path>", "tổ chức / organization path, e.g. /01/ (default: your organization)")
      .requiredOption("--year <year>", "năm khóa sổ / the year to close", year),
  ).action(async (opts: ApiOptions & { year: number }) => {
    const { token, api } = session(opts);
    const orgPath = await orgPathFor(opts, token);
    const r = await api.closeYear({ orgPath, year: opts.year });
    const formatDateVi = (iso: string) => iso.split("-").reverse().join("/");
    out(`Đã khóa sổ năm ${r.year} của ${r.orgPath} ngày ${formatDateVi(r.closedOn)} / closed ${r.year} for ${r.orgPath} on ${formatDateVi(r.closedOn)}`);
  });

  report
    .command("inspection")
    .description("báo cáo công tác kiểm tra, giám sát năm của một tổ chức / the annual inspection report of a subtree (counts only)")
    .option("--org <path>", "tổ chức / organization path, e.g. / or /01/ (default: your organization)")
    .requiredOption("--year <year>", "năm báo cáo / report year", year)
    .option("--json", "in JSON thay cho bảng / print JSON instead of the table", false)
    .option("--api <url>", "dịch vụ inspection / the inspection service (INSPECTION_URL; default the local npm start one, http://127.0.0.1:3003)")
    .option("--issuer <url>", "realm của phiên đăng nhập / the realm of the login to use (ORGBOARD_ISSUER; default the last login)")
    .action(async (opts: ApiOptions & { year: number; json: boolean }) => {
      const token = officialToken({ issuer: opts.issuer });
      const orgPath = await orgPathFor(opts, token);
      const r = await inspectionApi(inspectionUrl(opts.api), token).annualReport({ orgPath, year: opts.year });
      out(opts.json ? JSON.stringify(r, null, 2) : formatInspectionReport(r));
    });

  report
    .command("personnel")
    .description("báo cáo công tác cán bộ năm của một tổ chức: quy hoạch nhiệm kỳ tới, cơ cấu, lấy phiếu tín nhiệm, kết luận tiêu chuẩn chính trị, cán bộ dôi dư / the year's personnel report of a subtree: planning for the next term, structure, confidence votes, political-standard conclusions, surplus cadres (counts only)")
    .option("--org <path>", "tổ chức / organization path, e.g. / or /01/ (default: your organization)")
    .requiredOption("--year <year>", "năm báo cáo / report year", year)
    .option("--json", "in JSON thay cho bảng / print JSON instead of the table", false)
    .option("--api <url>", "dịch vụ personnel / the personnel service (PERSONNEL_URL; default the local npm start one, http://127.0.0.1:3004)")
    .option("--issuer <url>", "realm của phiên đăng nhập / the realm of the login to use (ORGBOARD_ISSUER; default the last login)")
    .action(async (opts: ApiOptions & { year: number; json: boolean }) => {
      const token = officialToken({ issuer: opts.issuer });
      const orgPath = await orgPathFor(opts, token);
      const r = await personnelApi(personnelUrl(opts.api), token).report({ orgPath, year: opts.year });
      out(opts.json ? JSON.stringify(r, null, 2) : formatPersonnelReport(r));
    });
}
