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
  if (read === 0) return { ok: false, rows: 0, rejectedCount: 1, rejected: [{ row: 2, column: "row", reason: "the file has no data rows" }] };

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
          if (!member) issues.push({ row: r.row, column: "nationalId", reason: `no member with national ID ${r.nationalId} in your organizations: import the member first (member template)` });
          else bound.push({ row: r, member });
        }
      }
      const orgRows = rows.filter((r): r is Extract<HistoryRow, { kind: "org-ratings" }> => r.kind === "org-ratings");
      if (orgRows.length > 0) {
        // Codes are unique regardless of letter case (the organization import's rule).
        const { rows: found } = await tx.query<OrgRow>(
          `SELECT id, code, path, opened_on::text AS opened_on, closed_on::text AS closed_on FROM party_organization WHERE lower(code) = ANY($1::text[]) FOR UPDATE`,
          [[...new Set(orgRows.map((r) => r.orgCode.toLowerCase()))]],
        );
        const orgs = new Map(found.filter((o) => inScope(o.path)).map((o) => [o.code.toLowerCase(), o]));
        for (const r of orgRows) {
          const org = orgs.get(r.orgCode.toLowerCase());
          if (!org) issues.push({ row: r.row, column: "orgCode", reason: text({ vi: `không có tổ chức đảng mã ${r.orgCode} trong phạm vi của bạn`, en: `no organization with code ${r.orgCode} in your organizations` }) });
          else bound.push({ row: r, org });
        }
      }
      issues.push(...(await CHECKS[kind](tx, bound as never)));
      if (issues.length > 0) {
        issues.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
        throw new Rejected({ ok: false, rows: read, rejectedCount: issues.length, rejected: issues.slice(0, max) });
      }
      options.signal?.throwIfAborted();
      await WRITES[kind](tx, bound as never);
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
function repeated<T extends { row: { row: number } }>(items: readonly T[], key: (t: T) => string, column: string, what: string): RowIssue[] {
  const first = new Map<string, number>();
  const out: RowIssue[] = [];
  for (const t of items) {
    const k = key(t);
    const prev = first.get(k);
    if (prev !== undefined) out.push({ row: t.row.row, column, reason: `${what} also appears in row ${prev}` });
    else first.set(k, t.row.row);
  }
  return out;
}

async function existing(tx: Sql, sql: string, keys: readonly (number | string)[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ k: string }>(sql, [keys]);
  return new Set(rows.map((r) => r.k));
}

const CHECKS: { [K in HistoryImportKind]: (tx: Sql, bound: Bound<K>) => Promise<RowIssue[]> } = {
  async admissions(tx, bound) {
    const out = repeated(bound, (b) => String(b.member.id), "nationalId", "this member");
    const has = await existing(tx, `SELECT member_id::text AS k FROM admission WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    for (const { row, member } of bound) {
      if (has.has(String(member.id))) out.push({ row: row.row, column: "nationalId", reason: "this member's admission is already recorded" });
      if (row.admittedOn !== member.admitted_on) out.push({ row: row.row, column: "admittedOn", reason: `differs from the member's date of entry in the register (${member.admitted_on})` });
    }
    return out;
  },
  async recognitions(tx, bound) {
    const out = repeated(bound, (b) => String(b.member.id), "nationalId", "this member");
    const { rows } = await tx.query<{ member_id: number; outcome: string | null; probation_ends_on: string }>(
      `SELECT member_id, outcome, probation_ends_on FROM admission WHERE member_id = ANY($1::int[])`,
      [bound.map((b) => b.member.id)],
    );
    const admissions = new Map(rows.map((r) => [r.member_id, r]));
    for (const { row, member } of bound) {
      const a = admissions.get(member.id);
      if (!a) out.push({ row: row.row, column: "nationalId", reason: "no admission is recorded for this member: import it first (history admissions)" });
      else if (a.outcome !== null) out.push({ row: row.row, column: "outcome", reason: `the end of probation is already decided (${a.outcome})` });
      else if (row.decidedOn < a.probation_ends_on) out.push({ row: row.row, column: "decidedOn", reason: `is before the end of probation (${a.probation_ends_on})` });
      if (row.outcome === "recognized" && member.status !== "official" && member.status !== "probationary") {
        out.push({ row: row.row, column: "outcome", reason: `the member's status in the register is ${member.status}` });
      }
      if (row.outcome === "not_recognized" && (member.status === "official" || member.status === "probationary")) {
        out.push({ row: row.row, column: "outcome", reason: `the member is still ${member.status} in the register: a not-recognition ends the membership, record it through the service` });
      }
    }
    return out;
  },
  async cards(tx, bound) {
    const out = repeated(bound, (b) => b.row.number, "number", "this card number");
    const taken = await existing(tx, `SELECT number AS k FROM party_card WHERE number = ANY($1::text[])`, bound.map((b) => b.row.number));
    for (const { row, member } of bound) {
      if (taken.has(row.number)) out.push({ row: row.row, column: "number", reason: `card number ${row.number} is already recorded` });
      if (row.issuedOn < member.admitted_on) out.push({ row: row.row, column: "issuedOn", reason: `is before the member's admission (${member.admitted_on})` });
    }
    return out;
  },
  async badges(tx, bound) {
    const out = repeated(bound, (b) => `${b.member.id}:${b.row.years}`, "years", "this member's badge");
    const has = await existing(tx, `SELECT member_id || ':' || years AS k FROM badge_award WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    for (const { row, member } of bound) {
      if (has.has(`${member.id}:${row.years}`)) out.push({ row: row.row, column: "years", reason: `the ${row.years}-year badge of this member is already recorded` });
      if (row.proposedOn < member.admitted_on) out.push({ row: row.row, column: "proposedOn", reason: `is before the member's admission (${member.admitted_on})` });
    }
    return out;
  },
  async ratings(tx, bound) {
    const out = repeated(bound, (b) => `${b.member.id}:${b.row.year}`, "year", "this member's rating of the year");
    const has = await existing(tx, `SELECT member_id || ':' || year AS k FROM quality_rating WHERE member_id = ANY($1::int[])`, bound.map((b) => b.member.id));
    for (const { row, member } of bound) {
      if (has.has(`${member.id}:${row.year}`)) out.push({ row: row.row, column: "year", reason: `this member's rating of ${row.year} is already recorded` });
      if (row.year < Number(member.admitted_on.slice(0, 4))) out.push({ row: row.row, column: "year", reason: `is before the member's admission (${member.admitted_on})` });
    }
    return out;
  },
  async removals(tx, bound) {
    const out = repeated(bound, (b) => String(b.member.id), "nationalId", "this member");
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
    const out = repeated(bound, (b) => `${b.org.id}:${b.row.year}`, "year", "this organization's rating of the year");
    const has = await existing(tx, `SELECT org_id || ':' || year AS k FROM quality_rating WHERE subject_kind = 'organization' AND org_id = ANY($1::int[])`, bound.map((b) => b.org.id));
    for (const { row, org } of bound) {
      if (has.has(`${org.id}:${row.year}`)) out.push({ row: row.row, column: "year", reason: say(`đã có kết quả xếp loại năm ${row.year} của tổ chức này`, `this organization's rating of ${row.year} is already recorded`) });
      if (row.year < Number(org.opened_on.slice(0, 4))) out.push({ row: row.row, column: "year", reason: say(`trước năm thành lập tổ chức (${org.opened_on})`, `is before the organization was founded (${org.opened_on})`) });
      if (org.closed_on !== null && row.year > Number(org.closed_on.slice(0, 4))) out.push({ row: row.row, column: "year", reason: say(`sau năm giải thể tổ chức (${org.closed_on})`, `is after the organization closed (${org.closed_on})`) });
    }
    return out;
  },
};

/** "<vi> / <en>" (@orgboard/messages), the form of the reasons of the kinds added in 2.5. */
const say = (vi: string, en: string) => text({ vi, en });

// Set-based writes (one statement per file): the statement-level counter triggers see the whole file once.
const WRITES: { [K in HistoryImportKind]: (tx: Sql, bound: Bound<K>) => Promise<void> } = {
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
