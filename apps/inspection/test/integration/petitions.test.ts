// inspection.petitions.*: complaints and denunciations over real HTTP, on a real database, subjects read
// from a real membership service. The petitioner is sealed in the database, shown only to the inspectors
// assigned; every read is audited; anonymous denunciations are not handled; deadlines count working days
// over Tết.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDenouncerKeyEntry, parseDenouncerKeys } from "../../src/crypto/denouncer.js";
import { addWorkingDays } from "../../src/domain/working-days.js";
import { buildCalendar } from "../../src/domain/holidays.js";
import { as, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
const keys = parseDenouncerKeys(newDenouncerKeyEntry("it1"));
beforeAll(async () => {
  h = await startHarness({ denouncerKeys: keys });
});
afterAll(() => h?.close());

/** Two inspectors of Hà Nội's commission who will be assigned, and one who will not. */
const ASSIGNED_A: MintOptions = { sub: "insp-hn-a", roles: ["inspection_committee"], orgPaths: [TREE.p1] };
const ASSIGNED_B: MintOptions = { sub: "insp-hn-b", roles: ["inspection_committee"], orgPaths: [TREE.g1] };
const OTHER_HN: MintOptions = { sub: "insp-hn-c", roles: ["inspection_committee"], orgPaths: [TREE.p1] };

const denouncer = { name: "Phạm Thị Dung", nationalId: "001190045678", address: "25 Lý Thường Kiệt, Hoàn Kiếm", contact: "0987 654 321" };
const CONTENT = "Tố cáo đảng viên không kê khai trung thực tài sản, thu nhập năm 2025.";

function receive(claims: MintOptions, over: Record<string, unknown> = {}) {
  return h.client(claims).inspection.petitions.receive.mutate({
    kind: "denunciation",
    subject: { kind: "member", memberId: h.members.hn1 },
    receivedOn: "2026-10-05",
    content: CONTENT,
    anonymous: false,
    handlerOrgPath: TREE.p1,
    level: "provincial",
    petitioner: denouncer,
    ...over,
  } as never);
}

async function auditRows(where: string, ...params: unknown[]) {
  return h.db.prisma.$queryRawUnsafe<{ actor: string; action: string; entity_id: string; after: Record<string, unknown> | null }[]>(
    `SELECT actor, action, entity_id, after FROM audit_record WHERE ${where} ORDER BY id`,
    ...params,
  );
}

describe("a denunciation from receipt to settlement", () => {
  let id = "";

  it("is received: handled, with its deadline in working days, the denouncer protected even from the receiver", async () => {
    const p = await receive(INSPECTOR_HN);
    id = p.id;
    expect(p).toMatchObject({ kind: "denunciation", status: "received", orgPath: TREE.c1, subjectKind: "member", memberId: h.members.hn1, subjectName: "Nguyễn Văn An", anonymous: false, notHandledReason: null, late: false, assignees: [] });
    // provincial level: 90 working days
    expect(p.dueOn).toBe(addWorkingDays("2026-10-05", 90));
    expect(p.petitioner).toEqual({ visibility: "protected" });
    const events = await h.db.prisma.$queryRawUnsafe<{ type: string; org_path: string; payload: Record<string, unknown> }[]>(`SELECT type, org_path, payload FROM outbox_event WHERE aggregate_id = $1`, id);
    expect(events).toEqual([{ type: "inspection.petition.received", org_path: TREE.c1, payload: { petitionId: id, kind: "denunciation", handled: true, dueOn: p.dueOn } }]);
  });

  it("stores no plaintext of the denouncer anywhere: the column read back raw is ciphertext naming its key", async () => {
    const [row] = await h.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM petition WHERE id = $1::uuid`, id);
    expect(String(row!.petitioner_sealed)).toMatch(/^v1\.it1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(row!.petitioner_key_id).toBe("it1");
    const everything = JSON.stringify([
      row,
      await h.db.prisma.$queryRawUnsafe(`SELECT * FROM audit_record`),
      await h.db.prisma.$queryRawUnsafe(`SELECT * FROM outbox_event`),
      await h.db.prisma.$queryRawUnsafe(`SELECT * FROM petition_assignment`),
    ], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    for (const part of ["Phạm Thị Dung", "Dung", "001190045678", "Lý Thường Kiệt", "0987"]) expect(everything).not.toContain(part);
  });

  it("nobody assigns themself; a second officer assigns two inspectors", async () => {
    const self = await failure(h.client(ASSIGNED_A).inspection.petitions.assign.mutate({ petitionId: id, inspectors: [{ userId: ASSIGNED_A.sub!, name: "Hoàng Văn Em" }] }));
    expect(self.code).toBe("BAD_REQUEST");
    expect(self.fieldErrors.map((f) => f.path)).toEqual(["inspectors"]);
    const p = await h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({
      petitionId: id,
      inspectors: [
        { userId: ASSIGNED_A.sub!, name: "Hoàng Văn Em" },
        { userId: ASSIGNED_B.sub!, name: "Đỗ Thị Giang" },
      ],
    });
    expect(p.assignees.map((a) => [a.userId, a.assignedOn, a.assignedBy])).toEqual([
      [ASSIGNED_B.sub, "2026-11-20", INSPECTOR_HN.sub],
      [ASSIGNED_A.sub, "2026-11-20", INSPECTOR_HN.sub],
    ]);
    // the assigner is not assigned: still protected for them
    expect(p.petitioner).toEqual({ visibility: "protected" });
  });

  it("shows the denouncer only to the assigned inspectors; others in scope read 'protected'; every read audited", async () => {
    for (const who of [ASSIGNED_A, ASSIGNED_B]) {
      const p = await h.client(who).inspection.petitions.get.query({ petitionId: id });
      expect(p.petitioner).toEqual({ visibility: "shown", identity: denouncer });
      expect(p.assignedToMe).toBe(true);
    }
    for (const who of [OTHER_HN, INSPECTOR_HN]) {
      const p = await h.client(who).inspection.petitions.get.query({ petitionId: id });
      expect(p.petitioner).toEqual({ visibility: "protected" });
      expect(p.assignedToMe).toBe(false);
      expect(JSON.stringify(p)).not.toContain("Phạm Thị Dung");
    }
    const reads = await auditRows(`action = 'inspection.petitions.read' AND entity_id = $1 AND after->>'read' = 'get'`, id);
    expect(reads.map((r) => [r.actor, r.after?.petitionerShown])).toEqual([
      [ASSIGNED_A.sub, true],
      [ASSIGNED_B.sub, true],
      [OTHER_HN.sub, false],
      [INSPECTOR_HN.sub, false],
    ]);
  });

  it("a list never carries the petitioner, even for an assigned inspector, and is audited with what it showed", async () => {
    const page = await h.client(ASSIGNED_A).inspection.petitions.list.query({ orgPath: TREE.p1 });
    const item = page.items.find((i) => i.id === id)!;
    expect(item.assignedToMe).toBe(true);
    expect(item).not.toHaveProperty("petitioner");
    expect(JSON.stringify(page)).not.toContain("Phạm");
    // one audit row per petition returned
    const listed = await auditRows(`action = 'inspection.petitions.read' AND actor = $1 AND after->>'read' = 'list'`, ASSIGNED_A.sub);
    expect(listed.map((r) => r.entity_id).sort()).toEqual(page.items.map((i) => i.id).sort());
  });

  it("an inspector removed from the assignment no longer sees the denouncer", async () => {
    await h.client(ASSIGNED_A).inspection.petitions.assign.mutate({ petitionId: id, inspectors: [{ userId: ASSIGNED_B.sub!, name: "Đỗ Thị Giang" }] });
    expect((await h.client(ASSIGNED_A).inspection.petitions.get.query({ petitionId: id })).petitioner).toEqual({ visibility: "protected" });
    await h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: id, inspectors: [{ userId: ASSIGNED_A.sub!, name: "Hoàng Văn Em" }, { userId: ASSIGNED_B.sub!, name: "Đỗ Thị Giang" }] });
  });

  it("starts and settles in time; the settled event says not late", async () => {
    const started = await h.client(ASSIGNED_A).inspection.petitions.start.mutate({ petitionId: id, startedOn: "2026-10-06" });
    expect(started.status).toBe("under_way");
    const settled = await h.client(ASSIGNED_A).inspection.petitions.settle.mutate({ petitionId: id, settledOn: "2026-11-19", outcome: "partly_founded", conclusion: "Tố cáo đúng một phần." });
    expect(settled).toMatchObject({ status: "settled", settledOn: "2026-11-19", outcome: "partly_founded", late: false });
    const [ev] = await h.db.prisma.$queryRawUnsafe<{ payload: Record<string, unknown> }[]>(`SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = 'inspection.petition.settled'`, id);
    expect(ev!.payload).toEqual({ petitionId: id, kind: "denunciation", settledOn: "2026-11-19", late: false });
    // settled is final
    expect((await failure(h.client(ASSIGNED_A).inspection.petitions.settle.mutate({ petitionId: id, settledOn: "2026-11-20", outcome: "founded", conclusion: "x" }))).code).toBe("CONFLICT");
    expect((await failure(h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: id, inspectors: [{ userId: "x", name: "X" }] }))).code).toBe("CONFLICT");
  });
});

describe("the export", () => {
  it("leaves the denouncer and every free text out; dates dd/mm/yyyy; recorded as a change; another province gets nothing", async () => {
    const file = await h.client(INSPECTOR_HN).inspection.petitions.export.mutate({ orgPath: TREE.p1, year: 2026, kind: "denunciation" });
    const csv = Buffer.from(file.fileBase64, "base64").toString("utf8");
    expect(file).toMatchObject({ fileName: "don-thu-01-2026.csv", contentType: "text/csv; charset=utf-8" });
    expect(csv.startsWith("\uFEFFMã đơn,Loại đơn,Trạng thái,")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(file.rows + 1);
    expect(file.rows).toBeGreaterThan(0);
    expect(csv).toContain("Nguyễn Văn An");
    expect(csv).toMatch(/,05\/10\/2026,/);
    for (const secret of ["Phạm Thị Dung", "001190045678", "Lý Thường Kiệt", "0987 654 321", CONTENT, "Tố cáo đúng một phần"]) expect(csv).not.toContain(secret);
    const [audit] = await h.db.prisma.$queryRawUnsafe<{ action: string; after: { rows: number; ids: string[] } }[]>(`SELECT action, after FROM audit_record WHERE entity_id = 'export' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ action: "inspection.petitions.read", after: { rows: file.rows } });
    expect(audit!.after.ids).toHaveLength(file.rows);
    const foreign = await h.client(INSPECTOR_P2).inspection.petitions.export.mutate({ orgPath: TREE.p1 });
    expect(foreign.rows).toBe(0);
    expect((await failure(h.client(as("provincial_board", TREE.p1)).inspection.petitions.export.mutate({ orgPath: TREE.p1 }))).code).toBe("FORBIDDEN");
  });
});

describe("rules at receipt", () => {
  it("records an anonymous denunciation as not handled, with its reason, no deadline and no petitioner", async () => {
    const p = await receive(INSPECTOR_HN, { anonymous: true, petitioner: null });
    expect(p).toMatchObject({ status: "not_handled", notHandledReason: "anonymous", dueOn: null, late: false, petitioner: { visibility: "anonymous" } });
    expect(p.notHandledMessage).toMatch(/^Không xem xét.* \/ .*not handled/);
    const [row] = await h.db.prisma.$queryRawUnsafe<{ petitioner_sealed: string | null }[]>(`SELECT petitioner_sealed FROM petition WHERE id = $1::uuid`, p.id);
    expect(row!.petitioner_sealed).toBeNull();
    const [ev] = await h.db.prisma.$queryRawUnsafe<{ payload: Record<string, unknown> }[]>(`SELECT payload FROM outbox_event WHERE aggregate_id = $1`, p.id);
    expect(ev!.payload).toMatchObject({ handled: false, dueOn: null });
    // not handled is final: nobody is assigned, nothing started
    expect((await failure(h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: p.id, inspectors: [{ userId: ASSIGNED_A.sub!, name: "A" }] }))).code).toBe("CONFLICT");
    expect((await failure(h.client(INSPECTOR_HN).inspection.petitions.start.mutate({ petitionId: p.id, startedOn: "2026-11-20" }))).code).toBe("CONFLICT");
  });

  it("counts a complaint's deadline in working days over Tết 2026 (16–20 February off)", async () => {
    // grassroots level: 30 working days from Tuesday 10 February 2026. Counting: 11–13 Feb (3), Tết week
    // off, then 23 Feb … 31 Mar (27) ⇒ 31 March. Without the holidays it would be 24 March.
    const p = await receive(INSPECTOR_HN, { kind: "complaint", level: "grassroots", receivedOn: "2026-02-10", intake: { decisionReceivedOn: "2026-02-02" } });
    expect(p.status).toBe("received");
    expect(p.dueOn).toBe("2026-03-31");
    expect(addWorkingDays("2026-02-10", 30, buildCalendar([]))).toBe("2026-03-24");
    // open past its deadline today (2026-11-20): late
    expect(p.late).toBe(true);
  });

  it("settling after the deadline is late", async () => {
    const p = await receive(INSPECTOR_HN, { kind: "complaint", level: "grassroots", receivedOn: "2026-02-10", intake: { decisionReceivedOn: "2026-02-02" }, subject: { kind: "organization", orgPath: TREE.k1 } });
    expect(p).toMatchObject({ subjectKind: "organization", orgPath: TREE.k1, memberId: null });
    await h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: p.id, inspectors: [{ userId: ASSIGNED_A.sub!, name: "Hoàng Văn Em" }] });
    await h.client(ASSIGNED_A).inspection.petitions.start.mutate({ petitionId: p.id, startedOn: "2026-02-24" });
    const s = await h.client(ASSIGNED_A).inspection.petitions.settle.mutate({ petitionId: p.id, settledOn: "2026-04-01", outcome: "unfounded", conclusion: "Khiếu nại không đúng." });
    expect(s).toMatchObject({ dueOn: "2026-03-31", late: true });
  });

  it("extends a denunciation's deadline once, by 30 working days, before it runs out; never a complaint's", async () => {
    const p = await receive(INSPECTOR_HN);
    expect(p.extendedOn).toBeNull();
    const e = await h.client(INSPECTOR_HN).inspection.petitions.extend.mutate({ petitionId: p.id, extendedOn: "2026-11-20", reason: "Nội dung phức tạp, cần xác minh thêm." });
    expect(e).toMatchObject({ extendedOn: "2026-11-20", dueOn: addWorkingDays("2026-10-05", 120) });
    expect(addWorkingDays(p.dueOn!, 30)).toBe(e.dueOn);
    expect((await failure(h.client(INSPECTOR_HN).inspection.petitions.extend.mutate({ petitionId: p.id, extendedOn: "2026-11-20", reason: "Lần nữa" }))).code).toBe("CONFLICT");
    const complaint = await receive(INSPECTOR_HN, { kind: "complaint", level: "grassroots", receivedOn: "2026-11-02", intake: { decisionReceivedOn: "2026-10-20" } });
    expect((await failure(h.client(INSPECTOR_HN).inspection.petitions.extend.mutate({ petitionId: complaint.id, extendedOn: "2026-11-20", reason: "x" }))).code).toBe("CONFLICT");
    const early = await receive(INSPECTOR_HN, { receivedOn: "2026-01-05" });
    const past = await failure(h.client(INSPECTOR_HN).inspection.petitions.extend.mutate({ petitionId: early.id, extendedOn: "2026-11-20", reason: "x" }));
    expect(past.fieldErrors.map((f) => f.path)).toEqual(["extendedOn"]);
  });

  it("a complaint filed more than a month after the decision was received is not handled (out of time)", async () => {
    const p = await receive(INSPECTOR_HN, { kind: "complaint", level: "grassroots", receivedOn: "2026-06-10", intake: { decisionReceivedOn: "2026-04-01" } });
    expect(p).toMatchObject({ status: "not_handled", notHandledReason: "complaint_out_of_time", dueOn: null });
  });
});

describe("bad input answers 400 naming the field, and stores nothing", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["a NUL in the content", { content: "a\u0000b" }, "content"],
    ["an escape in the denouncer's name", { petitioner: { ...denouncer, name: "Dung\u001b[2J" } }, "petitioner.name"],
    ["a malformed national ID", { petitioner: { ...denouncer, nationalId: "0011" } }, "petitioner.nationalId"],
    ["a petitioner on an anonymous petition", { anonymous: true }, "petitioner"],
    ["no petitioner on a named one", { petitioner: null }, "petitioner"],
    ["an impossible date", { receivedOn: "2026-02-29" }, "receivedOn"],
    ["a date after today", { receivedOn: "2026-11-21" }, "receivedOn"],
    ["an unknown level", { level: "ward" }, "level"],
    ["a settling body the subject is not under", { handlerOrgPath: TREE.k1 }, "handlerOrgPath"],
  ];
  for (const [what, over, field] of cases) {
    it(what, async () => {
      const before = await h.db.prisma.petition.count();
      const f = await failure(receive(INSPECTOR_HN, over));
      expect(f.code).toBe("BAD_REQUEST");
      expect(f.fieldErrors.map((e) => e.path)).toEqual([field]);
      expect(f.fieldErrors[0]!.message).toMatch(/ \/ /);
      expect(await h.db.prisma.petition.count()).toBe(before);
    });
  }
  it("start and settle name their dates", async () => {
    const p = await receive(INSPECTOR_HN);
    await h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: p.id, inspectors: [{ userId: ASSIGNED_A.sub!, name: "A" }] });
    expect((await failure(h.client(ASSIGNED_A).inspection.petitions.start.mutate({ petitionId: p.id, startedOn: "2026-10-01" }))).fieldErrors.map((e) => e.path)).toEqual(["startedOn"]);
    await h.client(ASSIGNED_A).inspection.petitions.start.mutate({ petitionId: p.id, startedOn: "2026-10-06" });
    expect((await failure(h.client(ASSIGNED_A).inspection.petitions.settle.mutate({ petitionId: p.id, settledOn: "2026-10-05", outcome: "founded", conclusion: "x" }))).fieldErrors.map((e) => e.path)).toEqual(["settledOn"]);
    expect((await failure(h.client(ASSIGNED_A).inspection.petitions.settle.mutate({ petitionId: p.id, settledOn: "2026-10-07", outcome: "founded", conclusion: "\u0000" }))).fieldErrors.map((e) => e.path)).toEqual(["conclusion"]);
  });
});

describe("role × scope", () => {
  const OTHER_ROLES = ["central_board", "provincial_board", "personnel_officer", "conference_operator", "site_operator", "viewer"] as const;
  let hnId = "";
  beforeAll(async () => {
    hnId = (await receive(INSPECTOR_HN)).id;
  });

  /** Every procedure with an input about Hà Nội's petition `hnId`. */
  const calls = (claims: MintOptions | null) => {
    const p = h.client(claims).inspection.petitions;
    return {
      receive: () => receive(claims as MintOptions),
      receiveOrg: () => receive(claims as MintOptions, { subject: { kind: "organization", orgPath: TREE.k1 } }),
      assign: () => p.assign.mutate({ petitionId: hnId, inspectors: [{ userId: "someone-else", name: "Người Khác" }] }),
      start: () => p.start.mutate({ petitionId: hnId, startedOn: "2026-11-20" }),
      extend: () => p.extend.mutate({ petitionId: hnId, extendedOn: "2026-11-20", reason: "x" }),
      settle: () => p.settle.mutate({ petitionId: hnId, settledOn: "2026-11-20", outcome: "founded", conclusion: "x" }),
      get: () => p.get.query({ petitionId: hnId }),
      list: () => p.list.query({ orgPath: TREE.p1 }),
      export: () => p.export.mutate({ orgPath: TREE.p1 }),
    };
  };

  it("without a token every procedure answers 401", async () => {
    for (const [name, call] of Object.entries(calls(null))) expect((await failure(call())).code, name).toBe("UNAUTHORIZED");
  });

  it("every other role, including the boards and the service role, is refused every procedure (reads included), in its own scope too", async () => {
    const audits = await h.db.prisma.auditRecord.count();
    for (const role of [...OTHER_ROLES, "service" as const]) {
      for (const path of ["/", TREE.p1]) {
        for (const [name, call] of Object.entries(calls(as(role, path)))) expect((await failure(call())).code, `${role} ${path} ${name}`).toBe("FORBIDDEN");
      }
    }
    expect(await h.db.prisma.auditRecord.count()).toBe(audits);
  });

  it("an inspector of another province: a Hà Nội petition is NOT_FOUND exactly like an unknown id; Hà Nội's list is empty; nothing written", async () => {
    const audits = await h.db.prisma.auditRecord.count();
    const c = calls(INSPECTOR_P2);
    for (const name of ["receive", "receiveOrg", "assign", "start", "extend", "settle", "get"] as const) {
      const f = await failure(c[name]());
      expect(f.code, name).toBe("NOT_FOUND");
    }
    const foreign = await failure(h.client(INSPECTOR_P2).inspection.petitions.get.query({ petitionId: hnId }));
    const unknown = await failure(h.client(INSPECTOR_P2).inspection.petitions.get.query({ petitionId: "0193a6f0-7c3e-7000-8000-00000000dead" }));
    expect(foreign.message).toBe(unknown.message);
    expect((await c.list()).items).toEqual([]);
    expect(await h.db.prisma.auditRecord.count()).toBe(audits);
    // their own province's list does not show Hà Nội's petitions
    const own = await h.client(INSPECTOR_P2).inspection.petitions.list.query({ orgPath: TREE.p2 });
    expect(own.items.map((i) => i.orgPath).every((p) => p.startsWith(TREE.p2))).toBe(true);
  });

  it("an inspector of a district below does not reach a petition about the province's other units", async () => {
    // ASSIGNED_B's scope is /01/01-G1/: hnId is about a member of /01/01-G1/01-C1/ (inside), k1 is outside
    const k1 = await receive(INSPECTOR_HN, { subject: { kind: "organization", orgPath: TREE.k1 } });
    expect((await failure(h.client(ASSIGNED_B).inspection.petitions.get.query({ petitionId: k1.id }))).code).toBe("NOT_FOUND");
    expect((await h.client(ASSIGNED_B).inspection.petitions.get.query({ petitionId: hnId })).id).toBe(hnId);
    // asking for the whole province gives the caller's part of it only
    const wide = await h.client(ASSIGNED_B).inspection.petitions.list.query({ orgPath: TREE.p1 });
    expect(wide.items.map((i) => i.id)).toContain(hnId);
    expect(wide.items.every((i) => i.orgPath.startsWith(TREE.g1))).toBe(true);
  });

  it("the inspection commission in scope may do each (receive, assign, get, list); a member of another province is NOT_FOUND", async () => {
    const c = calls(INSPECTOR_HN);
    await c.receive();
    await c.receiveOrg();
    await c.assign();
    await c.get();
    await c.list();
    expect((await failure(receive(INSPECTOR_HN, { subject: { kind: "member", memberId: h.members.p2 } }))).code).toBe("NOT_FOUND");
    expect((await failure(receive(INSPECTOR_HN, { subject: { kind: "member", memberId: 999_999 } }))).code).toBe("NOT_FOUND");
  });

  it("pages through a list with its cursor, newest first", async () => {
    const first = await h.client(INSPECTOR_HN).inspection.petitions.list.query({ orgPath: TREE.p1, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await h.client(INSPECTOR_HN).inspection.petitions.list.query({ orgPath: TREE.p1, limit: 2, cursor: first.nextCursor });
    expect(second.items[0]!.id < first.items[1]!.id).toBe(true);
    const notHandled = await h.client(INSPECTOR_HN).inspection.petitions.list.query({ orgPath: TREE.p1, status: "not_handled" });
    expect(notHandled.items.every((i) => i.status === "not_handled")).toBe(true);
  });
});
