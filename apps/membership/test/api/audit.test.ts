// membership.audit.search (role auditor) and the audit trail it reads: reads of personal data recorded on
// the chain, the chain verified after real traffic, scope (an auditor of /01/ never sees /02/), filters and
// cursor paging over HTTP.
import { verifyAuditChain } from "@orgboard/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixture, TREE } from "./fixtures.js";
import { as, board, CENTRAL, expectError, startHarness, type Harness } from "./harness.js";

let h: Harness;
let fx: Fixture;
let hanoiMember: number;
let otherMember: number;
/** The id the service gave the member read (a client's own request id is kept apart, #9). */
let readRequestId = "";

beforeAll(async () => {
  h = await startHarness();
  fx = new Fixture(h.db);
  await fx.tree();
  hanoiMember = await fx.member(TREE.c1, { fullName: "Trần Văn Kiểm" });
  otherMember = await fx.member(TREE.c3, { fullName: "Giàng A Páo" });
  // Real traffic through the API: changes in both provinces, reads of personal data in both.
  await h.client(board(TREE.p1)).membership.members.update.mutate({ id: hanoiMember, occupation: "Giáo viên" });
  await h.client(board(TREE.p2)).membership.members.update.mutate({ id: otherMember, occupation: "Nông dân" });
  await h.client(board(TREE.p1), { requestId: () => "read-get-1", onRequestId: (id) => (readRequestId = id) }).membership.members.get.query({ id: hanoiMember });
  await h.client(board(TREE.p1)).membership.members.history.query({ id: hanoiMember });
  await h.client(board(TREE.p2)).membership.members.get.query({ id: otherMember });
});
afterAll(async () => {
  await h?.close();
});

const auditor = (orgPath: string) => h.client(as("auditor", orgPath));

describe("audit.search", () => {
  it("gives an auditor of /01/ the /01/ records only, newest first, reads included", async () => {
    const page = await auditor(TREE.p1).membership.audit.search.query({ limit: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((r) => r.orgPath.startsWith(TREE.p1))).toBe(true);
    const ids = page.items.map((r) => BigInt(r.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    const reads = page.items.filter((r) => r.kind === "read");
    expect(reads.map((r) => [r.entity, r.entityId, r.action])).toEqual(
      expect.arrayContaining([
        ["Member", String(hanoiMember), "membership.members.read"],
        ["MemberHistory", String(hanoiMember), "membership.members.read"],
      ]),
    );
    expect(reads.find((r) => r.entity === "Member")).toMatchObject({ requestId: readRequestId, actor: `board-${TREE.p1}`, before: null, after: null });
    expect(readRequestId).not.toBe("");
    expect(page.items.some((r) => r.entityId === String(otherMember))).toBe(false);
    // Each record carries its link: the API shows what verify checks.
    for (const r of page.items) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("filters by actor, action, entity, kind, subtree and days; pages with a cursor", async () => {
    const a = auditor(TREE.p1).membership.audit.search;
    const byActor = await a.query({ actor: `board-${TREE.p1}`, kind: "change" });
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((r) => r.actor === `board-${TREE.p1}` && r.kind === "change")).toBe(true);
    const updates = await a.query({ action: "membership.members.manage", entity: "Member", entityId: String(hanoiMember) });
    expect(updates.items).toHaveLength(1);
    expect(updates.items[0]!.after).toMatchObject({ occupation: "Giáo viên" });
    const cell = await a.query({ orgPath: TREE.c2 });
    expect(cell.items).toEqual([]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await a.query({ from: today, to: today, entity: "Member" })).items.length).toBeGreaterThan(0);
    expect((await a.query({ from: "2020-01-01", to: "2020-12-31" })).items).toEqual([]);

    const all = await a.query({ limit: 200 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof a.query>> = await a.query({ limit: 2, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    // The search itself is recorded (a read of the trail): compare the ids that existed before paging.
    const before = new Set(all.items.map((r) => r.id));
    expect(seen.filter((id) => before.has(id))).toEqual(all.items.map((r) => r.id));
  });

  it("is the auditor's alone; another province's subtree is refused like every membership list", async () => {
    // Outside the scope: the NOT_FOUND of a path that does not exist (#9 finding 5).
    await expectError(auditor(TREE.p1).membership.audit.search.query({ orgPath: TREE.p2 }), "NOT_FOUND", "orgPath");
    await expectError(auditor(TREE.p1).membership.audit.search.query({ orgPath: "/" }), "NOT_FOUND", "orgPath");
    await expectError(h.client(CENTRAL).membership.audit.search.query({}), "FORBIDDEN");
    await expectError(h.client(board(TREE.p1)).membership.audit.search.query({}), "FORBIDDEN");
    // …and the auditor reads no member records.
    await expectError(auditor(TREE.p1).membership.members.get.query({ id: hanoiMember }), "FORBIDDEN");
    const other = await auditor(TREE.p2).membership.audit.search.query({ limit: 200 });
    expect(other.items.some((r) => r.entityId === String(otherMember))).toBe(true);
    expect(other.items.every((r) => r.orgPath.startsWith(TREE.p2))).toBe(true);
  });

  it("names the bad field: dates, an empty actor, a range backwards", async () => {
    const a = auditor(TREE.p1).membership.audit.search;
    await expectError(a.query({ from: "2026-02-30" }), "BAD_REQUEST", "from");
    await expectError(a.query({ actor: "  " }), "BAD_REQUEST", "actor");
    await expectError(a.query({ from: "2026-05-02", to: "2026-05-01" }), "BAD_REQUEST", "to");
  });

  it("leaves a chain verify accepts after all this traffic", async () => {
    const r = await verifyAuditChain(h.db);
    expect(r).toMatchObject({ ok: true, fault: null });
    expect(r.records).toBeGreaterThan(5);
  });
});
