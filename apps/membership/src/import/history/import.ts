// History import (issue #10): past years of the register's members, one kind per file, with the member
// import's rules — every row checked in the one transaction that writes them all; if any row is wrong
// nothing is written and each problem comes back as { row, column, reason }; one audit record and one event
// for the file. Rows name members already in the register by national ID. Records dated in a closed year
// are amendments of it (report/closed.ts): the counters move, the published figures stay.
import { randomUUID } from "node:crypto";
import { todayInVietnam } from "@orgboard/locale-vi";
import { probationEndDate } from "../../domain/admission.js";
import type { Sql } from "../../db/sql.js";
import { text } from "@orgboard/messages";
import { restoreFormulas } from "../../export/formula.js";
import { recordImport } from "../audit.js";
import type { ImportOptions, ImportResult } from "../members.js";
import { readRecords, type FileSource } from "../read.js";
import type { RowIssue } from "../validate.js";
import { parseHistoryRow, type HistoryRow } from "./rows.js";
import { HISTORY_COLUMNS, type HistoryImportKind } from "./template.js";

interface OrgRow {
  id: number;
  code: string;
  path: string;
  opened_on: string;
  closed_on: string | null;
}

interface MemberRow {
  id: number;
  national_id: string;
  org_id: number;
  org_path: string;
  status: string;
  admitted_on: string;
  official_on: string | null;
}

/** Rolls the transaction back without being an error for the caller. */
class Rejected extends Error {
  constructor(readonly result: ImportResult) {
    super("rejected");
  }
}

type Of<K extends HistoryImportKind> = Extract<HistoryRow, { kind: K }>;

/** Imports one history file of `kind`; all rows or none. */
export async function importHistory(db: Sql, kind: HistoryImportKind, file: FileSource, options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? todayInVietnam();
  const max = options.maxIssues ?? 1000;
  const issues: RowIssue[] = [];
  const rows: HistoryRow[] = [];
  let read = 0;
  for await (const rec of readRecords(file, HISTORY_COLUMNS[kind] as readonly { key: string; header: string; required: boolean; format: string }[])) {
    options.signal?.throwIfAborted();
    read++;
    // As the member and organization imports: an exported file's quote-prefixed cells import back (export/formula.ts).
    const r = parseHistoryRow(kind, rec.row, restoreFormulas(rec.values), today);
    if (r.ok) rows.push(r.value);
    else issues.push(...r.issues);
  }
  if (read === 0) return { ok: false, rows: 0, rejectedCount: 1, rejected: [{ row: 2, column: "row", reason: say("tệp không có dòng dữ liệu", "the file has no data rows") }] };

  try {
    return await db.transaction(async (tx) => {
      // Outside the caller's subtrees and absent answer alike: nothing is said about foreign records.
      const allowed = options.allowedOrgPaths;
      const inScope = (path: string) => !allowed || allowed.some((p) => path.startsWith(p));
      const bound: { row: HistoryRow; member?: MemberRow; org?: OrgRow }[] = [];
      const memberRows = rows.filter((r): r is Exclude<HistoryRow, { kind: "org-ratings" }> => r.kind !== "org-ratings");
      if (memberRows.length > 0) {
        const ids = [...new Set(memberRows.map((r) => r.nationalId))];
        const { rows: found } = await tx.query<MemberRow>(
          `SELECT id, national_id, org_id, org_path, status, admitted_on, official_on FROM member WHERE national_id = ANY($1::text[]) FOR UPDATE`,
          [ids],
        );
        const members = new Map(found.filter((m) => inScope(m.org_path)).map((m) => [m.national_id, m]));
        for (const r of memberRows) {
          const member = members.get(r.nationalId);
          if (!member) issues.push({ row: r.row, column: "nationalId", reason: say(`không có đảng viên số định danh ${r.nationalId} trong phạm vi của bạn: nhập đảng viên trước (mẫu đảng viên)`, `no member with national ID ${r.nationalId} in your organizations: import the member first (member template)`) });
          else bound.push({ row: r, member });
        }
      }
      const orgRows = rows.filter((r): r is Extract<HistoryRow, { kind: "org-ratings" }> => r.kind === "org-ratings");
      if (orgRows.length > 0) {
        // Codes are unique regardless of letter case (the organization import's rule).
        // The rows locked, as the members' are: two files rating the same organization and year do not both pass the checks.
        const orgs = await orgsByCode(tx, orgRows.map((r) => r.orgCode), inScope, true);
        for (const r of orgRows) {
          const org = orgs.get(r.orgCode.toLowerCase());
          if (!org) issues.push({ row: r.row, column: "orgCode", reason: absentOrg(r.orgCode) });
          else bound.push({ row: r, org });
        }
      }
      const ctx: Ctx = { inScope, plans: new Map() };
      issues.push(...(await CHECKS[kind](tx, bound as never, ctx)));
      if (issues.length > 0) {
        issues.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
        throw new Rejected({ ok: false, rows: read, rejectedCount: issues.length, rejected: issues.slice(0, max) });
      }
      options.signal?.throwIfAborted();
      await WRITES[kind](tx, bound as never, ctx);
      const importId = randomUUID();
      const paths = [...new Set(bound.map((b) => b.member?.org_path ?? b.org!.path))];
      const { orgPath, eventId } = await recordImport(tx, {
        importId,
        actor: options.actor,
        requestId: options.requestId ?? null,
        entity: "History",
        action: "membership.members.import",
        eventType: "membership.history.imported",
        paths,
        summary: { kind, imported: bound.length, fileName: file.name ?? file.path ?? null },
      });
      return { ok: true, importId, imported: bound.length, orgPath, eventId };
    });
  } catch (err) {
    if (err instanceof Rejected) return err.result;
    throw err;
  }
}

type Bound<K extends HistoryImportKind> = K extends "org-ratings" ? { row: Of<K>; org: OrgRow }[] : { row: Of<K>; member: MemberRow }[];

/** "also appears in row N" for a key repeated in the file. */
function repeated<T extends { row: { row: number } }>(items: readonly T[], key: (t: T) => string, column: string, [vi, en]: readonly [string, string]): RowIssue[] {
  const first = new Map<string, number>();
  const out: RowIssue[] = [];
  for (const t of items) {
    const k = key(t);
    const prev = first.get(k);
    if (prev !== undefined) out.push({ row: t.row.row, column, reason: say(`${vi} đã có ở dòng ${prev}`, `${en} also appears in row ${prev}`) });
    else first.set(k, t.row.row);
  }
  return out;
}

async function existing(tx: Sql, sql: string, keys: readonly (number | string)[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ k: string }>(sql, [keys]);
  return new Set(rows.map((r) => r.k));
}

/** What the checks share with the writes: the caller's scope, and the transfers' plan of each member. */
interface Ctx {
  inScope: (path: string) => boolean;
  plans: Map<number, TransferPlan>;
}

/** The organizations of `codes` (any letter case) in the caller's scope, by lower-cased code; others are absent. */
async function orgsByCode(tx: Sql, codes: readonly string[], inScope: (path: string) => boolean, lock = false): Promise<Map<string, OrgRow>> {
  const { rows } = await tx.query<OrgRow>(
    `SELECT id, code, path, opened_on::text AS opened_on, closed_on::text AS closed_on FROM party_organization WHERE lower(code) = ANY($1::text[])${lock ? " FOR UPDATE" : ""}`,
    [[...new Set(codes.map((c) => c.toLowerCase()))]],
  );
  return new Map(rows.filter((o) => inScope(o.path)).map((o) => [o.code.toLowerCase(), o]));
}

const absentOrg = (code: string) =>
  say(`không có tổ chức đảng mã ${code} trong phạm vi của bạn`, `no organization with code ${code} in your organizations`);

/** A membership period as the transfers of a member rebuild it. */
interface PlannedPeriod {
  org: OrgRow;
  startedOn: string;
  startReason: string;
  endedOn: string | null;
  endReason: string | null;
}
interface TransferPlan {
  periods: PlannedPeriod[];
  /** The date the member left the system (an official departure), else null. */
  departedOn: string | null;
  from: Map<number, OrgRow | null>;
  to: Map<number, OrgRow | null>;
}

const isOpenOn = (o: OrgRow, on: string) => o.opened_on <= on && (o.closed_on === null || o.closed_on > on);

const CHECKS: { [K in HistoryImportKind]: (tx: Sql, bound: Bound<K>, ctx: Ctx) => Promise<RowIssue[]> } = {
  async admissions(tx, bound) {
    const out = repeated(bound, (b) => String(b.member.id), "nationalId", ["đảng viên này", "this member"]);
    const has = await existing(tx, `SELECT member_id::text AS k FROM admission WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    for (const { row, member } of bound) {
      if (has.has(String(member.id))) out.push({ row: row.row, column: "nationalId", reason: say("đã ghi nhận việc kết nạp của đảng viên này", "this member's admission is already recorded") });
      if (row.admittedOn !== member.admitted_on) out.push({ row: row.row, column: "admittedOn", reason: say(`khác ngày vào Đảng của đảng viên trong danh sách (${member.admitted_on})`, `differs from the member's date of entry in the register (${member.admitted_on})`) });
    }
    return out;
  },
  async recognitions(tx, bound) {
    const out = repeated(bound, (b) => String(b.member.id), "nationalId", ["đảng viên này", "this member"]);
    const { rows } = await tx.query<{ member_id: number; outcome: string | null; probation_ends_on: string }>(
      `SELECT member_id, outcome, probation_ends_on FROM admission WHERE member_id = ANY($1::int[])`,
      [bound.map((b) => b.member.id)],
    );
    const admissions = new Map(rows.map((r) => [r.member_id, r]));
    for (const { row, member } of bound) {
      const a = admissions.get(member.id);
      if (!a) out.push({ row: row.row, column: "nationalId", reason: say("chưa ghi nhận việc kết nạp của đảng viên này: nhập trước (lịch sử kết nạp)", "no admission is recorded for this member: import it first (history admissions)") });
      else if (a.outcome !== null) out.push({ row: row.row, column: "outcome", reason: say(`đã có quyết định khi hết thời gian dự bị (${a.outcome})`, `the end of probation is already decided (${a.outcome})`) });
      else if (row.decidedOn < a.probation_ends_on) out.push({ row: row.row, column: "decidedOn", reason: say(`trước ngày hết thời gian dự bị (${a.probation_ends_on})`, `is before the end of probation (${a.probation_ends_on})`) });
      if (row.outcome === "recognized" && member.status !== "official" && member.status !== "probationary") {
        out.push({ row: row.row, column: "outcome", reason: say(`trạng thái của đảng viên trong danh sách là ${member.status}`, `the member's status in the register is ${member.status}`) });
      }
      if (row.outcome === "not_recognized" && (member.status === "official" || member.status === "probationary")) {
        out.push({ row: row.row, column: "outcome", reason: say(`đảng viên vẫn ở trạng thái ${member.status} trong danh sách: không công nhận chính thức chấm dứt tư cách đảng viên, hãy ghi nhận qua hệ thống`, `the member is still ${member.status} in the register: a not-recognition ends the membership, record it through the service`) });
      }
    }
    return out;
  },
  async cards(tx, bound) {
    const out = repeated(bound, (b) => b.row.number, "number", ["số thẻ này", "this card number"]);
    const taken = await existing(tx, `SELECT number AS k FROM party_card WHERE number = ANY($1::text[])`, bound.map((b) => b.row.number));
    for (const { row, member } of bound) {
      if (taken.has(row.number)) out.push({ row: row.row, column: "number", reason: say(`số thẻ ${row.number} đã được ghi nhận`, `card number ${row.number} is already recorded`) });
      if (row.issuedOn < member.admitted_on) out.push({ row: row.row, column: "issuedOn", reason: say(`trước ngày vào Đảng (${member.admitted_on})`, `is before the member's admission (${member.admitted_on})`) });
    }
    return out;
  },
  async badges(tx, bound) {
    const out = repeated(bound, (b) => `${b.member.id}:${b.row.years}`, "years", ["huy hiệu này của đảng viên", "this member's badge"]);
    const has = await existing(tx, `SELECT member_id || ':' || years AS k FROM badge_award WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    for (const { row, member } of bound) {
      if (has.has(`${member.id}:${row.years}`)) out.push({ row: row.row, column: "years", reason: say(`đã ghi nhận Huy hiệu ${row.years} năm tuổi Đảng của đảng viên này`, `the ${row.years}-year badge of this member is already recorded`) });
      if (row.proposedOn < member.admitted_on) out.push({ row: row.row, column: "proposedOn", reason: say(`trước ngày vào Đảng (${member.admitted_on})`, `is before the member's admission (${member.admitted_on})`) });
    }
    return out;
  },
  async ratings(tx, bound) {
    const out = repeated(bound, (b) => `${b.member.id}:${b.row.year}`, "year", ["xếp loại năm này của đảng viên", "this member's rating of the year"]);
    const has = await existing(tx, `SELECT member_id || ':' || year AS k FROM quality_rating WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    for (const { row, member } of bound) {
      if (has.has(`${member.id}:${row.year}`)) out.push({ row: row.row, column: "year", reason: say(`đã có kết quả xếp loại năm ${row.year} của đảng viên này`, `this member's rating of ${row.year} is already recorded`) });
      if (row.year < Number(member.admitted_on.slice(0, 4))) out.push({ row: row.row, column: "year", reason: say(`trước ngày vào Đảng (${member.admitted_on})`, `is before the member's admission (${member.admitted_on})`) });
    }
    return out;
  },
  async transfers(tx, bound, ctx) {
    const out: RowIssue[] = [];
    const issue = (row: { row: number }, column: string, vi: string, en: string) => out.push({ row: row.row, column, reason: say(vi, en) });
    const ids = [...new Set(bound.map((b) => b.member.id))];
    const recorded = await existing(tx, `SELECT DISTINCT member_id::text AS k FROM transfer WHERE member_id = ANY($1::int[])`, ids);
    const { rows: periodRows } = await tx.query<{ member_id: number; n: number; started_on: string; open: boolean }>(
      `SELECT member_id, count(*)::int AS n, min(started_on)::text AS started_on, bool_or(ended_on IS NULL) AS open FROM membership_period WHERE member_id = ANY($1::int[]) GROUP BY member_id`,
      [ids],
    );
    const registered = new Map(periodRows.map((r) => [r.member_id, r]));
    const orgs = await orgsByCode(tx, bound.flatMap((b) => [b.row.fromCode, b.row.toCode].filter((c): c is string => c !== null)), ctx.inScope);
    const groups = new Map<number, Bound<"transfers">>();
    for (const b of bound) groups.set(b.member.id, [...(groups.get(b.member.id) ?? []), b]);

    for (const [memberId, group] of groups) {
      const m = group[0]!.member;
      const before = out.length;
      const p = registered.get(memberId);
      const plan: TransferPlan = { periods: [], departedOn: null, from: new Map(), to: new Map() };
      for (const { row } of group) {
        // All of a member's past transfers come in one file, before the system records any (the periods are rebuilt from them).
        if (recorded.has(String(memberId))) issue(row, "nationalId", "đã có việc chuyển sinh hoạt của đảng viên này trong hệ thống: nhập mọi lần chuyển trước đây của một đảng viên trong một tệp, trước khi chuyển trong hệ thống", "this member's transfers are already recorded: import all of a member's past transfers in one file, before any transfer made in the system");
        else if (m.status !== "official" && m.status !== "probationary") issue(row, "nationalId", `đảng viên đang ở trạng thái ${m.status} trong danh sách`, `the member is ${m.status} in the register`);
        else if (!p || p.n !== 1 || !p.open) issue(row, "nationalId", "các giai đoạn sinh hoạt của đảng viên đã ghi nhận việc chuyển", "the member's membership periods already record moves");
        for (const [column, code, map] of [["fromCode", row.fromCode, plan.from], ["toCode", row.toCode, plan.to]] as const) {
          const org = code === null ? null : orgs.get(code.toLowerCase());
          if (org === undefined) out.push({ row: row.row, column, reason: `${absentOrg(code!)} — ${say("nơi ngoài phạm vi: để trống mã và ghi tên nơi đó", "a place outside them: leave the code empty and describe it")}` });
          else map.set(row.row, org);
        }
        if (row.receivedOn < m.admitted_on) issue(row, "receivedOn", `trước ngày vào Đảng (${m.admitted_on})`, `is before the member's admission (${m.admitted_on})`);
      }
      if (out.length > before) continue;

      // Official transfers move the member: in date order, each leaves from where the previous one arrived.
      const official = group.filter((b) => b.row.transferKind === "official").sort((a, b) => a.row.receivedOn.localeCompare(b.row.receivedOn) || a.row.row - b.row.row);
      const periods = plan.periods;
      official.forEach(({ row }, i) => {
        const from = plan.from.get(row.row)!;
        const to = plan.to.get(row.row)!;
        const prev = official[i - 1]?.row;
        if (i === 0) {
          if (from) periods.push({ org: from, startedOn: m.admitted_on, startReason: "import", endedOn: null, endReason: null });
        } else if (prev) {
          const prevTo = plan.to.get(prev.row)!;
          if (prevTo === null) issue(row, "fromCode", `sau khi đảng viên đã chuyển ra ngoài hệ thống (dòng ${prev.row})`, `after the member left the system (row ${prev.row})`);
          else if (from?.id !== prevTo.id) issue(row, "fromCode", `khi đó đảng viên sinh hoạt ở ${prevTo.code} (dòng ${prev.row})`, `the member was in ${prevTo.code} then (row ${prev.row})`);
          if (row.receivedOn === prev.receivedOn) issue(row, "receivedOn", `cùng ngày với việc chuyển ở dòng ${prev.row}`, `the same day as the transfer of row ${prev.row}`);
          else if (row.issuedOn < prev.receivedOn) issue(row, "issuedOn", `trước ngày tiếp nhận của việc chuyển ở dòng ${prev.row} (${prev.receivedOn})`, `is before the arrival of row ${prev.row} (${prev.receivedOn})`);
        }
        // As transfers.complete: the destination is open on the day of arrival.
        if (to && !isOpenOn(to, row.receivedOn)) issue(row, "toCode", `tổ chức ${to.code} không hoạt động vào ngày ${row.receivedOn}`, `${to.code} is not open on ${row.receivedOn}`);
        const last = periods.at(-1);
        if (last && last.endedOn === null) Object.assign(last, { endedOn: row.receivedOn, endReason: "transfer_out" });
        if (to) periods.push({ org: to, startedOn: row.receivedOn, startReason: "transfer_in", endedOn: null, endReason: null });
        else plan.departedOn = row.receivedOn;
      });
      const lastOfficial = official.at(-1)?.row;
      if (lastOfficial && out.length === before) {
        const present = periods.at(-1)!;
        const column = plan.departedOn ? "fromCode" : "toCode";
        if (present.org.id !== m.org_id) issue(lastOfficial, column, `tổ chức hiện tại của đảng viên trong danh sách là ${m.org_path}`, `the member's present organization in the register is ${m.org_path}`);
        // The register's date of joining the present organization, when it was given (else it is the admission date).
        else if (p!.started_on !== m.admitted_on && p!.started_on !== present.startedOn) issue(lastOfficial, "receivedOn", `khác ngày đảng viên bắt đầu sinh hoạt ở tổ chức hiện tại trong danh sách (${p!.started_on})`, `differs from the date the member joined the present organization in the register (${p!.started_on})`);
      }
      if (official.length > 0) ctx.plans.set(memberId, plan);
      // Temporary transfers move nothing (the member stays counted at home): each leaves from the member's organization of the day.
      const where = (on: string): number | undefined =>
        official.length === 0 ? (on >= p!.started_on ? m.org_id : undefined) : periods.find((x) => x.startedOn <= on && (x.endedOn === null || on < x.endedOn))?.org.id;
      const temporary = group.filter((b) => b.row.transferKind === "temporary").sort((a, b) => a.row.issuedOn.localeCompare(b.row.issuedOn) || a.row.row - b.row.row);
      temporary.forEach(({ row }, i) => {
        const from = plan.from.get(row.row)!;
        const home = where(row.issuedOn);
        if (from === null) issue(row, "fromCode", "chuyển sinh hoạt tạm thời đi từ tổ chức của đảng viên trong hệ thống: cần mã tổ chức chuyển đi", "a temporary transfer leaves from the member's organization in the system: its code is required");
        else if (home !== from.id) issue(row, "fromCode", `ngày ${row.issuedOn} đảng viên không sinh hoạt ở ${from.code}`, `the member was not in ${from.code} on ${row.issuedOn}`);
        const prev = temporary[i - 1]?.row;
        if (prev && (prev.returnedOn === null || row.issuedOn < prev.returnedOn)) issue(row, "issuedOn", `trùng thời gian với việc chuyển tạm thời ở dòng ${prev.row}`, `overlaps the temporary transfer of row ${prev.row}`);
        // A member still away (no return) cannot have moved for good since: transfers.request refuses it too.
        const later = row.returnedOn === null ? official.find((o) => o.row.issuedOn >= row.issuedOn)?.row : undefined;
        if (later) issue(row, "returnedOn", `bắt buộc: đảng viên đã chuyển sinh hoạt chính thức sau đó (dòng ${later.row})`, `is required: the member transferred for good afterwards (row ${later.row})`);
      });
    }
    return out;
  },
  async removals(tx, bound) {
    const out = repeated(bound, (b) => String(b.member.id), "nationalId", ["đảng viên này", "this member"]);
    const has = await existing(tx, `SELECT member_id::text AS k FROM removal WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    const { rows } = await tx.query<{ member_id: number; started_on: string }>(
      `SELECT member_id, started_on::text AS started_on FROM membership_period WHERE member_id = ANY($1::int[]) AND ended_on IS NULL`,
      [bound.map((b) => b.member.id)],
    );
    const open = new Map(rows.map((r) => [r.member_id, r.started_on]));
    for (const { row, member } of bound) {
      const started = open.get(member.id);
      if (has.has(String(member.id))) out.push({ row: row.row, column: "nationalId", reason: say("đã ghi nhận việc ra khỏi Đảng của đảng viên này", "this member's removal is already recorded") });
      else if (member.status !== "official" && member.status !== "probationary") out.push({ row: row.row, column: "nationalId", reason: say(`đảng viên đang ở trạng thái ${member.status} trong danh sách`, `the member is ${member.status} in the register`) });
      else if (started === undefined) out.push({ row: row.row, column: "nationalId", reason: say("đảng viên không có giai đoạn sinh hoạt đang mở", "the member has no open membership period") });
      // As removals.remove (endMembershipOf): not before the member joined the present organization.
      else if (row.removedOn < started) out.push({ row: row.row, column: "removedOn", reason: say(`trước ngày đảng viên bắt đầu sinh hoạt ở tổ chức hiện tại (${started})`, `is before the member joined the present organization (${started})`) });
    }
    return out;
  },
  async "org-ratings"(tx, bound) {
    const out = repeated(bound, (b) => `${b.org.id}:${b.row.year}`, "year", ["xếp loại năm này của tổ chức", "this organization's rating of the year"]);
    const has = await existing(tx, `SELECT org_id || ':' || year AS k FROM quality_rating WHERE subject_kind = 'organization' AND org_id = ANY($1::int[])`, bound.map((b) => b.org.id));
    for (const { row, org } of bound) {
      if (has.has(`${org.id}:${row.year}`)) out.push({ row: row.row, column: "year", reason: say(`đã có kết quả xếp loại năm ${row.year} của tổ chức này`, `this organization's rating of ${row.year} is already recorded`) });
      if (row.year < Number(org.opened_on.slice(0, 4))) out.push({ row: row.row, column: "year", reason: say(`trước năm thành lập tổ chức (${org.opened_on})`, `is before the organization was founded (${org.opened_on})`) });
      if (org.closed_on !== null && row.year > Number(org.closed_on.slice(0, 4))) out.push({ row: row.row, column: "year", reason: say(`sau năm giải thể tổ chức (${org.closed_on})`, `is after the organization closed (${org.closed_on})`) });
    }
    return out;
  },
};

/** "<vi> / <en>" (@orgboard/messages): every row reason, Vietnamese first. */
const say = (vi: string, en: string) => text({ vi, en });

// Set-based writes (one statement per file): the statement-level counter triggers see the whole file once.
const WRITES: { [K in HistoryImportKind]: (tx: Sql, bound: Bound<K>, ctx: Ctx) => Promise<void> } = {
  async admissions(tx, bound) {
    await tx.query(
      `INSERT INTO admission (member_id, org_id, org_path, decision_number, decided_on, admitted_on, probation_ends_on)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[])`,
      [
        bound.map((b) => b.member.id), bound.map((b) => b.member.org_id), bound.map((b) => b.member.org_path), bound.map((b) => b.row.decisionNumber),
        bound.map((b) => b.row.decidedOn), bound.map((b) => b.row.admittedOn), bound.map((b) => probationEndDate(b.row.admittedOn)),
      ],
    );
  },
  async recognitions(tx, bound) {
    await tx.query(
      `UPDATE admission a SET outcome = d.outcome, outcome_on = d.decided_on FROM unnest($1::int[], $2::text[], $3::date[]) AS d (member_id, outcome, decided_on) WHERE a.member_id = d.member_id`,
      [bound.map((b) => b.member.id), bound.map((b) => b.row.outcome), bound.map((b) => b.row.decidedOn)],
    );
    // A probationary member recognized is official from the end of probation, however late the decision.
    await tx.query(
      `UPDATE member m SET status = 'official', official_on = a.probation_ends_on, updated_at = now() FROM admission a
        WHERE a.member_id = m.id AND m.id = ANY($1::int[]) AND m.status = 'probationary' AND a.outcome = 'recognized'`,
      [bound.map((b) => b.member.id)],
    );
  },
  async cards(tx, bound) {
    // The newest card of a member is the active one (unless a newer one is already recorded); older ones were replaced.
    const { rows: latest } = await tx.query<{ member_id: number; issued_on: string }>(
      `SELECT member_id, max(issued_on)::text AS issued_on FROM party_card WHERE member_id = ANY($1::int[]) GROUP BY member_id`,
      [bound.map((b) => b.member.id)],
    );
    const newest = new Map(latest.map((r) => [r.member_id, r.issued_on]));
    for (const b of bound) if ((newest.get(b.member.id) ?? "") < b.row.issuedOn) newest.set(b.member.id, b.row.issuedOn);
    const status = bound.map((b) => (newest.get(b.member.id) === b.row.issuedOn ? "active" : "replaced"));
    await tx.query(
      `UPDATE party_card SET status = 'replaced' WHERE member_id = ANY($1::int[]) AND status = 'active'`,
      [bound.filter((_, i) => status[i] === "active").map((b) => b.member.id)],
    );
    await tx.query(
      `INSERT INTO party_card (member_id, number, org_path, issued_on, decision_number, status)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[])`,
      [bound.map((b) => b.member.id), bound.map((b) => b.row.number), bound.map((b) => b.member.org_path), bound.map((b) => b.row.issuedOn), bound.map((b) => b.row.decisionNumber), status],
    );
  },
  async badges(tx, bound) {
    await tx.query(
      `INSERT INTO badge_award (member_id, org_path, years, proposed_on, awarded_on, decision_number)
       SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::date[], $5::date[], $6::text[])`,
      [bound.map((b) => b.member.id), bound.map((b) => b.member.org_path), bound.map((b) => b.row.years), bound.map((b) => b.row.proposedOn), bound.map((b) => b.row.awardedOn), bound.map((b) => b.row.decisionNumber)],
    );
  },
  async ratings(tx, bound) {
    // Past years' ratings are final decisions: approved and locked, as the approval procedure leaves them.
    await tx.query(
      `INSERT INTO quality_rating (subject_kind, member_id, org_path, year, level, stage, locked)
       SELECT 'member', m, p, y, l, 'approved', true FROM unnest($1::int[], $2::text[], $3::int[], $4::text[]) AS d (m, p, y, l)`,
      [bound.map((b) => b.member.id), bound.map((b) => b.member.org_path), bound.map((b) => b.row.year), bound.map((b) => b.row.level)],
    );
  },
  async transfers(tx, bound, ctx) {
    // Past transfers as transfers.complete / return leave them: received, or returned for a temporary one that ended.
    const orgs = await orgsByCode(tx, bound.flatMap((b) => [b.row.fromCode, b.row.toCode].filter((c): c is string => c !== null)), ctx.inScope);
    const org = (code: string | null) => (code === null ? null : orgs.get(code.toLowerCase()) ?? null);
    await tx.query(
      `INSERT INTO transfer (member_id, kind, status, from_org_id, from_org_path, to_org_id, to_org_path, from_description, to_description, letter_number, requested_on, issued_on, received_on, returned_on)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[], $13::date[], $14::date[])`,
      [
        bound.map((b) => b.member.id), bound.map((b) => b.row.transferKind), bound.map((b) => (b.row.returnedOn ? "returned" : "received")),
        bound.map((b) => org(b.row.fromCode)?.id ?? null), bound.map((b) => org(b.row.fromCode)?.path ?? null),
        bound.map((b) => org(b.row.toCode)?.id ?? null), bound.map((b) => org(b.row.toCode)?.path ?? null),
        bound.map((b) => (b.row.fromCode === null ? b.row.fromDescription : null)), bound.map((b) => (b.row.toCode === null ? b.row.toDescription : null)),
        bound.map((b) => b.row.letterNumber), bound.map((b) => b.row.issuedOn), bound.map((b) => b.row.issuedOn), bound.map((b) => b.row.receivedOn), bound.map((b) => b.row.returnedOn),
      ],
    );
    // Official moves: the member's one period of the register becomes the periods the transfers describe —
    // closed and opened on the same day at each move, as transfers.complete does, the last one open in the
    // member's present organization (or closed on the day the member left the system).
    const plans = [...ctx.plans.entries()];
    if (plans.length === 0) return;
    const periods = plans.flatMap(([memberId, plan]) => plan.periods.map((x) => ({ memberId, ...x })));
    await tx.query(`DELETE FROM membership_period WHERE member_id = ANY($1::int[])`, [plans.map(([id]) => id)]);
    await tx.query(
      `INSERT INTO membership_period (member_id, org_id, org_path, started_on, ended_on, start_reason, end_reason)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::date[], $5::date[], $6::text[], $7::text[])`,
      [periods.map((x) => x.memberId), periods.map((x) => x.org.id), periods.map((x) => x.org.path), periods.map((x) => x.startedOn), periods.map((x) => x.endedOn), periods.map((x) => x.startReason), periods.map((x) => x.endReason)],
    );
    const departed = plans.filter(([, plan]) => plan.departedOn !== null);
    if (departed.length > 0) {
      await tx.query(
        `UPDATE member m SET status = 'transferred_out', left_on = d.left_on, updated_at = now() FROM unnest($1::int[], $2::date[]) AS d (member_id, left_on) WHERE m.id = d.member_id`,
        [departed.map(([id]) => id), departed.map(([, plan]) => plan.departedOn)],
      );
    }
  },
  async removals(tx, bound) {
    // What removals.remove does (removal-ops.ts recordRemovalOf → endMembershipOf), for the whole file:
    // the open period ends on the removal date, the member is removed, open transfers are cancelled.
    const ids = bound.map((b) => b.member.id);
    const on = bound.map((b) => b.row.removedOn);
    await tx.query(
      `UPDATE membership_period p SET ended_on = d.removed_on, end_reason = 'removal' FROM unnest($1::int[], $2::date[]) AS d (member_id, removed_on)
        WHERE p.member_id = d.member_id AND p.ended_on IS NULL`,
      [ids, on],
    );
    await tx.query(
      `UPDATE member m SET status = 'removed', left_on = d.removed_on, updated_at = now() FROM unnest($1::int[], $2::date[]) AS d (member_id, removed_on) WHERE m.id = d.member_id`,
      [ids, on],
    );
    await tx.query(`UPDATE transfer SET status = 'cancelled' WHERE member_id = ANY($1::int[]) AND status IN ('requested', 'issued')`, [ids]);
    await tx.query(
      `INSERT INTO removal (member_id, org_path, kind, removed_on, decision_number)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[])`,
      [ids, bound.map((b) => b.member.org_path), bound.map((b) => b.row.removalKind), on, bound.map((b) => b.row.decisionNumber)],
    );
  },
  async "org-ratings"(tx, bound) {
    // As the members' ratings: a past year's rating is final, approved and locked.
    await tx.query(
      `INSERT INTO quality_rating (subject_kind, org_id, org_path, year, level, stage, locked)
       SELECT 'organization', o, p, y, l, 'approved', true FROM unnest($1::int[], $2::text[], $3::int[], $4::text[]) AS d (o, p, y, l)`,
      [bound.map((b) => b.org.id), bound.map((b) => b.org.path), bound.map((b) => b.row.year), bound.map((b) => b.row.level)],
    );
  },
};
