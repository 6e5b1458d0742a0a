// The authorization matrix over HTTP: every procedure × role × target, exactly as docs/security.md
// documents it (the table is read from the docs). A role's caller holds org_paths ["/01/"]
// (central_board: "/"). Each call's request id (the one the service names it by) finds its audit records: that of every allowed
// mutation is checked too, and that a refused or failing call wrote nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listProcedures } from "@orgboard/server-kit";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../src/router/index.js";
import { TREE, nationalId } from "./fixtures.js";
import { ROLES, as, treeSuite, type Client, type HumanRole } from "./harness.js";
import { RECORD_PROCEDURES, TARGETS, parseDocumentedMatrix, targetsOf, type Target } from "./matrix.js";

const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../docs/security.md"), "utf8");
const documented = parseDocumentedMatrix(docs);

const PATH_OF: Record<Target, string> = { own: TREE.p1, below: TREE.c1, sibling: TREE.c3, country: "/" };

const suite = treeSuite();
let n = 0;
const caller = (role: HumanRole) => as(role, TREE.p1);

const uniq = () => `${Date.now().toString(36)}${++n}`;
const person = () => ({ fullName: "Mai Thị Lan", birthDate: "1992-03-04", gender: "female" as const, ethnicity: "Kinh", nationalId: nationalId(1992, "female") });
const csv = (header: string, row: string) => Buffer.from(`${header}\n${row}\n`, "utf8").toString("base64");

type Probe = (c: Client, target: string) => Promise<unknown>;

/** Reads of personal data: one audit record (kind "read") per successful call (docs/security.md "Audit trail"). */
const READS_AUDITED = new Set(["members.get", "members.history", "audit.search"]);

/** One call per procedure, prepared for a resource at `target` (fresh records where it needs them). */
const PROBES: Record<string, Probe> = {
  "orgs.get": (c, t) => c.membership.orgs.get.query({ orgPath: t }),
  "orgs.children": (c, t) => c.membership.orgs.children.query({ orgPath: t }),
  "orgs.list": (c, t) => c.membership.orgs.list.query({ orgPath: t }),
  "orgs.structure": (c, t) => c.membership.orgs.structure.query({ orgPath: t }),
  // A kind the parent may hold (a cell holds none: that call fails on the rules, after authorization).
  "orgs.create": (c, t) =>
    c.membership.orgs.create.mutate({ parentPath: t, code: `M${uniq()}`, name: "Tổ chức mới", kind: t === "/" ? "provincial_committee" : t === TREE.p1 ? "grassroots_cell" : "subordinate_cell", openedOn: "2020-01-01" }),
  "orgs.update": (c, t) => c.membership.orgs.update.mutate({ orgPath: t, name: `Tên ${uniq()}` }),
  "orgs.close": async (c, t) => {
    if (t !== "/") await suite.fx.member(t); // so that closing fails after authorization and the tree stays
    return c.membership.orgs.close.mutate({ orgPath: t, closedOn: "2026-10-01" });
  },
  "members.get": async (c, t) => c.membership.members.get.query({ id: await suite.fx.member(t) }),
  "members.history": async (c, t) => c.membership.members.history.query({ id: await suite.fx.member(t) }),
  "members.update": async (c, t) => c.membership.members.update.mutate({ id: await suite.fx.member(t), occupation: "Kỹ sư" }),
  "members.list": (c, t) => c.membership.members.list.query({ orgPath: t }),
  "members.create": (c, t) => c.membership.members.create.mutate({ orgPath: t, ...person(), status: "official", admittedOn: "2015-05-19", officialOn: "2016-05-19" }),
  "admissions.registerCandidate": (c, t) => c.membership.admissions.registerCandidate.mutate({ orgPath: t, ...person(), courseCompletedOn: "2026-05-20", courseCertificateNo: "GCN-1" }),
  "admissions.admit": async (c, t) =>
    c.membership.admissions.admit.mutate({
      candidateId: await suite.fx.candidate(t),
      considerationDate: "2026-10-10",
      admittedOn: "2026-10-20",
      decisionNumber: "1-QĐ",
      hasLowerSecondaryDiploma: true,
      introductions: [{ kind: "member", memberId: await suite.fx.member(TREE.c1), workedTogetherSince: "2020-01-01" }, { kind: "youth_union" }],
      cellVote: { inFavor: 3, officialMembers: 3 },
    }),
  "admissions.recognize": async (c, t) =>
    c.membership.admissions.recognize.mutate({ memberId: await suite.fx.member(t, { status: "probationary", admittedOn: "2025-06-01" }), outcome: "not_recognized", decidedOn: "2026-07-01", reason: "x" }),
  "admissions.overdue": (c, t) => c.membership.admissions.overdue.query({ orgPath: t }),
  "cards.issue": async (c, t) => c.membership.cards.issue.mutate({ memberId: await suite.fx.member(t), number: `C${uniq()}`.slice(0, 20), issuedOn: "2026-02-03" }),
  "transfers.request": async (c, t) => c.membership.transfers.request.mutate({ memberId: await suite.fx.member(t), kind: "official", requestedOn: "2026-10-01", toOrgPath: TREE.c2 }),
  "transfers.complete": async (c, t) => {
    const id = await suite.fx.member(TREE.c2);
    await suite.h.db.query(`UPDATE member SET org_id = $2, org_path = $3 WHERE id = $1`, [id, suite.fx.orgId(TREE.c2), TREE.c2]);
    const transfer = await suite.fx.transfer(id, t);
    return c.membership.transfers.complete.mutate({ transferId: transfer, receivedOn: "2026-10-20" });
  },
  "transfers.cancel": async (c, t) => c.membership.transfers.cancel.mutate({ transferId: await suite.fx.transfer(await suite.fx.member(t), TREE.c2) }),
  "transfers.return": async (c, t) =>
    c.membership.transfers.return.mutate({ transferId: await suite.fx.transfer(await suite.fx.member(t), TREE.c2, { kind: "temporary", status: "received" }), returnedOn: "2026-11-01" }),
  "transfers.list": (c, t) => c.membership.transfers.list.query({ orgPath: t }),
  "badges.eligible": (c, t) => c.membership.badges.eligible.query({ orgPath: t }),
  "badges.propose": async (c, t) => c.membership.badges.propose.mutate({ memberId: await suite.fx.member(t, { admittedOn: "1990-01-01" }), years: 30 }),
  "badges.award": async (c, t) => c.membership.badges.award.mutate({ badgeId: await suite.fx.badge(await suite.fx.member(t, { admittedOn: "1990-01-01" }), 30, "2020-01-02"), awardedOn: "2020-02-03", decisionNumber: "9" }),
  "removals.remove": async (c, t) => c.membership.removals.remove.mutate({ memberId: await suite.fx.member(t), kind: "allowed_to_leave", removedOn: "2026-09-01", decisionNumber: "1", reason: "Xin ra" }),
  "removals.recordDeath": async (c, t) => c.membership.removals.recordDeath.mutate({ memberId: await suite.fx.member(t), diedOn: "2026-09-01" }),
  "ratings.selfAssess": (c, t) => c.membership.ratings.selfAssess.mutate({ subjectKind: "organization", orgPath: t, year: 2026, level: "good" }),
  "ratings.appraise": async (c, t) => c.membership.ratings.appraise.mutate({ id: await suite.fx.rating({ memberId: await suite.fx.member(t) }, 2026, "good", "self_assessment") }),
  "ratings.approve": async (c, t) => c.membership.ratings.approve.mutate({ id: await suite.fx.rating({ memberId: await suite.fx.member(t) }, 2026, "completed") }),
  "ratings.list": (c, t) => c.membership.ratings.list.query({ orgPath: t, year: 2026 }),
  "targets.set": (c, t) => c.membership.targets.set.mutate({ orgPath: t, year: 2026, admissionsPlan: 5 }),
  "kpi.summary": (c, t) => c.membership.kpi.summary.query({ orgPath: t, year: 2026 }),
  "kpi.report": (c, t) => c.membership.kpi.report.query({ orgPath: t, year: 2026 }),
  // A second closing of the same year fails after authorization (CONFLICT), so any year past will do.
  "kpi.closeYear": (c, t) => c.membership.kpi.closeYear.mutate({ orgPath: t, year: 2025 }),
  "import.members": (c, t) =>
    c.membership.import.members.mutate({
      orgPath: t,
      format: "csv",
      fileBase64: csv("Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số định danh cá nhân,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức", `Tô Văn Hải,12/03/1985,Nam,Kinh,${nationalId(1985, "male")},01-C1,Chính thức,19/05/2010,19/05/2011`),
    }),
  // Rejected after authorization (no such member): the matrix checks who may call it.
  "import.history": (c, t) =>
    c.membership.import.history.mutate({ orgPath: t, format: "csv", kind: "ratings", fileBase64: csv("Số định danh cá nhân,Năm,Xếp loại", `${nationalId(1985, "male")},2024,Hoàn thành nhiệm vụ`) }),
  "import.orgs": (c, t) =>
    c.membership.import.orgs.mutate({
      orgPath: t,
      format: "csv",
      fileBase64: csv("Mã tổ chức,Tên tổ chức,Loại tổ chức,Mã tổ chức cấp trên,Ngày thành lập", `I${uniq()},Chi bộ nhập,Chi bộ trực thuộc,01-G1,01/01/2026`),
    }),
  "export.members": (c, t) => c.membership.export.members.mutate({ orgPath: t, format: "csv" }),
  "export.orgs": (c, t) => c.membership.export.orgs.mutate({ orgPath: t, format: "csv" }),
  "audit.search": (c, t) => c.membership.audit.search.query({ orgPath: t }),
  // The restructuring saga's: restructuring's service account only (test/api/restructuring.test.ts), no human role.
  "restructuring.tree": (c) => c.membership.restructuring.tree.query({}),
  "restructuring.conservation": (c) => c.membership.restructuring.conservation.query({ orgCodes: ["01"] }),
  "restructuring.mark": (c) => c.membership.restructuring.mark.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", orgCodes: ["01"], moving: true }),
  "restructuring.createOrgs": (c) => c.membership.restructuring.createOrgs.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", create: [], update: [] }),
  "restructuring.reparent": (c) => c.membership.restructuring.reparent.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", moves: [] }),
  "restructuring.closeOrgs": (c) => c.membership.restructuring.closeOrgs.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", close: [] }),
  "restructuring.reopenOrgs": (c) => c.membership.restructuring.reopenOrgs.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", codes: [] }),
  "restructuring.restoreOrgs": (c) => c.membership.restructuring.restoreOrgs.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", restore: [] }),
};

type Outcome = { ok: true; value: unknown } | { ok: false; code: string };

async function attempt(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await call };
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    return { ok: false, code: (err.data as { code?: string } | undefined)?.code ?? `no code: ${err.message}` };
  }
}

async function writesOf(requestIds: string[], outboxBefore: number): Promise<{ audit: number; outbox: number }> {
  const { rows } = await suite.h.db.query<{ audit: number; outbox: number }>(
    `SELECT (SELECT count(*) FROM audit_record WHERE request_id = ANY($1::text[]))::int AS audit, (SELECT count(*) FROM outbox_event WHERE id > $2)::int AS outbox`,
    [requestIds, outboxBefore],
  );
  return rows[0]!;
}

const procedures = listProcedures(appRouter).map((p) => ({ ...p, name: p.path.replace(/^membership\./, "") }));

describe("docs/security.md documents every membership procedure with its action", () => {
  it("lists exactly the router's procedures", () => {
    expect([...documented.keys()].sort()).toEqual(procedures.map((p) => p.name).sort());
    for (const p of procedures) expect(documented.get(p.name)?.action, p.name).toBe(p.action);
  });
});

describe.each(procedures.filter((p) => p.type !== "subscription").map((p) => [p.name, p] as const))("%s", (name, proc) => {
  it.each(ROLES.map((r) => [r]))("%s: allowed exactly where documented; allowed mutations audited, refused calls write nothing", async (role) => {
    const row = documented.get(name);
    expect(row, `${name} is not in docs/security.md`).toBeDefined();
    const allowed = targetsOf(row!.cells[role], name);
    const probe = PROBES[name];
    expect(probe, `no probe for ${name}`).toBeDefined();
    const seen: Record<string, string> = {};
    for (const target of TARGETS) {
      if (target === "country" && RECORD_PROCEDURES.has(name)) continue;
      const requestId = `matrix-${name}-${role}-${target}-${++n}`;
      const { rows } = await suite.h.db.query<{ id: number }>(`SELECT coalesce(max(id), 0)::int AS id FROM outbox_event`);
      // The service names each request itself (#9): the audit records carry the id it answered with.
      const served: string[] = [];
      const outcome = await attempt(probe!(suite.h.client(caller(role), { requestId: () => requestId, onRequestId: (id) => served.push(id) }), PATH_OF[target]));
      seen[target] = outcome.ok ? "ok" : outcome.code;
      expect(served.length, `${name} ${role} ${target}: the service's request id`).toBeGreaterThan(0);
      const writes = await writesOf(served, rows[0]!.id);
      if (outcome.ok && proc.type === "mutation" && (outcome.value as { ok?: boolean }).ok !== false) {
        expect(writes.audit, `${name} ${role} ${target}: audit records`).toBe(1);
        expect(writes.outbox, `${name} ${role} ${target}: outbox events`).toBeGreaterThan(0);
      } else if (outcome.ok && proc.type === "mutation") {
        // A refused import (ok: false) is audited too (#9 finding 1), with no event.
        expect(writes, `${name} ${role} ${target}: one audit record of the refused import`).toEqual({ audit: 1, outbox: 0 });
      } else if (outcome.ok && READS_AUDITED.has(name)) {
        expect(writes, `${name} ${role} ${target}: one audit record of the read, no event`).toEqual({ audit: 1, outbox: 0 });
      } else {
        expect(writes, `${name} ${role} ${target}: nothing written`).toEqual({ audit: 0, outbox: 0 });
      }
    }
    // Allowed = ok or a refusal on the rules (a cell that cannot hold children; never a 500). Refused:
    // a role without the action gets 403; a role that has it, at a place outside its scope, gets the
    // NOT_FOUND of a record that does not exist (#9 finding 5: the probes' records all exist).
    const refusal = row!.cells[role] === "—" ? "FORBIDDEN" : "NOT_FOUND";
    const expected = Object.fromEntries(Object.keys(seen).map((t) => [t, allowed.includes(t as Target) ? "allowed" : refusal]));
    const actual = Object.fromEntries(
      // (An allowed call may also find nothing, e.g. "/" is no organization record.)
      Object.entries(seen).map(([t, code]) => [t, ["ok", "BAD_REQUEST", "CONFLICT"].includes(code) || (code === "NOT_FOUND" && allowed.includes(t as Target)) ? "allowed" : code]),
    );
    expect(actual).toEqual(expected);
  });
});

describe("events.stream", () => {
  it.each(ROLES.map((r) => [r]))("%s: receives exactly the events of the documented targets", async (role) => {
    const allowed = targetsOf(documented.get("events.stream")!.cells[role], "events.stream");
    const { rows } = await suite.h.db.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM outbox_event`);
    for (const target of TARGETS) {
      await suite.h.db.query(`INSERT INTO outbox_event (type, org_path, aggregate_id, payload) VALUES ('test.probe', $1, $2, '{}')`, [PATH_OF[target], target]);
    }
    await suite.h.db.query(`INSERT INTO outbox_event (type, org_path, aggregate_id, payload) VALUES ('test.sentinel', $1, 'end', '{}')`, [TREE.p1]);
    const received: { type: string; aggregateId: string }[] = [];
    let error: string | null = null;
    const sub = suite.h.client(caller(role)).membership.events.stream.subscribe({ lastEventId: rows[0]!.id }, {
      onData: (e) => received.push(e.data as { type: string; aggregateId: string }),
      onError: (err) => (error = (err.data as { code?: string } | undefined)?.code ?? err.message),
    });
    const end = Date.now() + 15_000;
    while (error === null && !received.some((e) => e.type === "test.sentinel") && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    if (allowed.length === 0) {
      expect(error).toBe("FORBIDDEN");
    } else {
      expect(error).toBeNull();
      expect(received.filter((e) => e.type === "test.probe").map((e) => e.aggregateId)).toEqual(allowed);
    }
  });
});
