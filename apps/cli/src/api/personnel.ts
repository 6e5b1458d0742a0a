// The personnel service's API as the CLI uses it (`orgboard report personnel`): a tRPC client typed by its
// wire contract (@orgboard/contract-personnel), the official's bearer token on every call, and the planning
// figures of a subtree as a readable table (Vietnamese first; the rules are docs/personnel.md's).
import { createTRPCClient } from "@trpc/client";
import { createServiceLinks, type ContractRouter, type TokenGetter } from "@orgboard/contracts";
import { plannedTermOf, type personnelContract } from "@orgboard/contract-personnel";
import { DEFAULT_PORTS } from "../start/config.js";
import { transferFetch } from "./transfer.js";

type PersonnelRouter = ContractRouter<typeof personnelContract>;
type PersonnelClient = ReturnType<typeof createTRPCClient<PersonnelRouter>>;
export type Coverage = Awaited<ReturnType<PersonnelClient["personnel"]["planning"]["coverage"]["query"]>>;
export type VoteOutcomes = Awaited<ReturnType<PersonnelClient["personnel"]["votes"]["outcomes"]["query"]>>;
export type ConclusionCount = Awaited<ReturnType<PersonnelClient["personnel"]["standard"]["yearlyCount"]["query"]>>;
export type SurplusFigures = Awaited<ReturnType<PersonnelClient["personnel"]["surplus"]["figures"]["query"]>>;

/** --api, else PERSONNEL_URL, else the local `npm start` personnel (ORGBOARD_PERSONNEL_PORT, default 3004). */
export function personnelUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = given ?? env.PERSONNEL_URL ?? `http://127.0.0.1:${env.ORGBOARD_PERSONNEL_PORT || DEFAULT_PORTS.personnel}`;
  return raw.replace(/\/+$/, "").replace(/\/trpc$/, "");
}

export interface PersonnelReport {
  orgPath: string;
  year: number;
  term: { termStartYear: number; termEndYear: number };
  coverage: Coverage;
  /** (contract 1.3) confidence-vote outcomes of the year and the year before */
  votes: VoteOutcomes;
  /** (1.3) political-standard conclusions of the year per purpose, against the year before */
  conclusions: ConclusionCount;
  /** (1.3) cadres left surplus by mergers: resolved / total, per policy */
  surplus: SurplusFigures;
}

export interface PersonnelApi {
  report(input: { orgPath: string; year: number }): Promise<PersonnelReport>;
}

export function personnelApi(baseUrl: string, getToken: TokenGetter): PersonnelApi {
  const fetchImpl = transferFetch(baseUrl, undefined, { service: "personnel", variable: "PERSONNEL_URL" });
  const client = createTRPCClient<PersonnelRouter>({ links: [createServiceLinks<PersonnelRouter>({ personnel: `${baseUrl}/trpc` }, getToken, { fetch: fetchImpl })] });
  return {
    async report({ orgPath, year }) {
      const term = plannedTermOf(year);
      const [coverage, votes, conclusions, surplus] = await Promise.all([
        client.personnel.planning.coverage.query({ orgPath, termStartYear: term.termStartYear }),
        client.personnel.votes.outcomes.query({ orgPath, year }),
        client.personnel.standard.yearlyCount.query({ orgPath, year }),
        client.personnel.surplus.figures.query({ orgPath }),
      ]);
      return { orgPath, year, term, coverage, votes, conclusions, surplus };
    },
  };
}

// Vietnamese separators (1.234 and 25,5), as the other reports print them.
const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = (n: number | null): string => (n === null ? "—" : `${decimal.format(n)} %`);
const met = (m: boolean | null): string => (m === null ? "không có chỉ tiêu / no target" : m ? "đạt / met" : "chưa đạt / not met");

const change = (n: number | null): string => (n === null ? "—" : `${n > 0 ? "+" : ""}${decimal.format(n)} %`);

const PURPOSE_LABELS = {
  admission: "Kết nạp / admission",
  planning: "Quy hoạch / planning",
  appointment: "Bổ nhiệm / appointment",
  nomination: "Giới thiệu ứng cử / nomination",
} as const;

const STRUCTURE_LABELS = {
  women: "Nữ / women",
  young: "Trẻ / young",
  ethnicMinority: "Dân tộc thiểu số / ethnic minorities",
} as const;

export function formatPersonnelReport(r: PersonnelReport): string {
  const c = r.coverage;
  type Row = "rule" | [heading: string] | [label: string, ...values: string[]];
  const rows: Row[] = [
    [`Quy hoạch nhiệm kỳ ${r.term.termStartYear}–${r.term.termEndYear} / Planning for the ${r.term.termStartYear}–${r.term.termEndYear} term`],
    ["Chức danh quy hoạch / posts planned", integer.format(c.posts)],
    ["Chức danh thiếu người quy hoạch (dưới 2) / under-covered posts (fewer than 2)", integer.format(c.underCovered)],
    ["Chức danh vượt số người (trên 3) / over-covered posts (more than 3)", integer.format(c.overCovered)],
    ["Cán bộ trong quy hoạch / cadres planned", integer.format(c.candidates)],
    "rule",
    ["Cơ cấu / Structure", "số người / count", "tỷ lệ / share", "chỉ tiêu / target", ""],
    ...(Object.keys(STRUCTURE_LABELS) as (keyof typeof STRUCTURE_LABELS)[]).map((k): Row => {
      const s = c.structure[k];
      return [`  ${STRUCTURE_LABELS[k]}`, integer.format(s.count), percent(s.percent), s.targetPercent === null ? "—" : `≥ ${percent(s.targetPercent)}`, met(s.met)];
    }),
    // contract 1.3: vote outcomes, conclusions, surplus cadres
    "rule",
    [`Lấy phiếu tín nhiệm năm ${r.year} / Confidence votes in ${r.year}`, `năm ${r.year} / ${r.year}`, `năm ${r.year - 1} / ${r.year - 1}`],
    ["  Hội nghị / sessions", integer.format(r.votes.sessions), integer.format(r.votes.previous.sessions)],
    ["  Người được lấy phiếu / holders voted on", integer.format(r.votes.holders), integer.format(r.votes.previous.holders)],
    ["  Tiếp tục đảm nhiệm / kept", integer.format(r.votes.kept), integer.format(r.votes.previous.kept)],
    ["  Đề nghị xin thôi chức vụ / resignation proposed", integer.format(r.votes.resignationProposed), integer.format(r.votes.previous.resignationProposed)],
    ["  Đề nghị miễn nhiệm / dismissal proposed", integer.format(r.votes.dismissalProposed), integer.format(r.votes.previous.dismissalProposed)],
    "rule",
    [`Kết luận tiêu chuẩn chính trị / Political-standard conclusions`, `năm ${r.year} / ${r.year}`, `năm ${r.year - 1} / ${r.year - 1}`, "so sánh / change"],
    ["  Tổng số / total", integer.format(r.conclusions.count), integer.format(r.conclusions.previousCount), change(r.conclusions.changePercent)],
    ...r.conclusions.perPurpose.map((p): Row => [`  ${PURPOSE_LABELS[p.purpose]}`, integer.format(p.count), integer.format(p.previousCount), change(p.changePercent)]),
    "rule",
    ["Cán bộ dôi dư sau sắp xếp / Surplus cadres after mergers"],
    ["  Đã giải quyết / tổng số / resolved / total", `${integer.format(r.surplus.resolved)} / ${integer.format(r.surplus.total)}`],
    ["  Nghỉ hưu trước tuổi / early retirement", integer.format(r.surplus.perPolicy.early_retirement)],
    ["  Thôi việc hưởng trợ cấp / left with an allowance", integer.format(r.surplus.perPolicy.leave_with_allowance)],
    ["  Bố trí công tác khác / transferred", integer.format(r.surplus.perPolicy.transfer)],
    ["  Chưa áp dụng chính sách / no policy yet", integer.format(r.surplus.open)],
  ];
  const labelWidth = Math.max(...rows.map((row) => (Array.isArray(row) && row.length > 1 ? row[0].length : 0)));
  const valueWidth = Math.max(10, ...rows.flatMap((row) => (Array.isArray(row) ? row.slice(1, 4).map((v) => v.length) : [])));
  const width = labelWidth + 3 * (valueWidth + 3) + 24;
  const lines = [`BÁO CÁO CÔNG TÁC CÁN BỘ NĂM ${r.year} / PERSONNEL REPORT ${r.year}`, `Tổ chức / organization ${r.orgPath}`, "=".repeat(width)];
  for (const row of rows) {
    if (row === "rule") lines.push("-".repeat(width));
    else if (row.length === 1) lines.push(row[0]);
    else {
      const [label, ...values] = row;
      const cells = values.slice(0, 3).map((v) => v.padStart(valueWidth));
      lines.push(`${label.padEnd(labelWidth)}   ${cells.join("   ")}${values[3] ? `   ${values[3]}` : ""}`.trimEnd());
    }
  }
  lines.push("=".repeat(width));
  return `${lines.join("\n")}\n`;
}
