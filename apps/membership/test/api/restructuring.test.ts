// membership.restructuring.*: the saga's reads and idempotent steps over real HTTP on a real database.
// Happy path (a province's cells moved under a new committee, the old committee closed, paths rewritten in
// every scope-key column, audit keeping the old path), replays answering the stored result, bad input naming
// the field, and who may call: restructuring's service account only.
import { until } from "@orgboard/testkit";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { board, CENTRAL, startHarness, type Client, type Harness } from "./harness.js";
import { Fixture, TREE } from "./fixtures.js";

let h: Harness;
let fx: Fixture;
let memberC3: number;

const service = (clientId: string) => h.client({ sub: `service-account-${clientId}`, roles: ["service"], orgPaths: ["/"], azp: clientId, audience: "membership" });
const saga = () => service("restructuring").membership.restructuring;
const EFFECTIVE = "2025-07-01";

async function failure(call: Promise<unknown>): Promise<{ code?: string; message: string; paths: string[] }> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof TRPCClientError)) throw e;
    const data = e.data as { code?: string; fieldErrors?: { path: string }[] } | undefined;
    return { code: data?.code, message: e.message, paths: (data?.fieldErrors ?? []).map((f) => f.path) };
  }
  throw new Error("expected the call to fail");
}

/** The `membership.organization.marked` events a step wrote (2.10), in order. */
async function markedEvents(idempotencyKey: string): Promise<[string, string, boolean][]> {
  const { rows } = await h.db.query<{ org_path: string; payload: { orgCode: string; orgPath: string; moving: boolean } }>(
    `SELECT org_path, payload FROM outbox_event WHERE type = 'membership.organization.marked' AND payload->>'idempotencyKey' = $1 ORDER BY id`,
    [idempotencyKey],
  );
  for (const r of rows) expect(r.payload.orgPath).toBe(r.org_path);
  return rows.map((r) => [r.org_path, r.payload.orgCode, r.payload.moving]);
}

/** What a client receives on membership.events.stream after the current last event. */
async function listen(client: Client) {
  const { rows } = await h.db.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM outbox_event`);
  const received: { type: string; orgPath: string; payload: Record<string, unknown> }[] = [];
  const sub = client.membership.events.stream.subscribe(rows[0]!.id ? { lastEventId: rows[0]!.id } : {}, { onData: (e) => received.push(e.data as never) });
  return { received, stop: () => sub.unsubscribe() };
}

beforeAll(async () => {
  h = await startHarness();
  fx = new Fixture(h.db);
  await fx.tree();
  // Hà Giang (02) and Hà Nội (01) as 2024 units.
  await h.db.query(`UPDATE party_organization SET admin_unit_code = '02', admin_unit_edition = '2024' WHERE path = '/02/'`);
  await h.db.query(`UPDATE party_organization SET admin_unit_code = '01', admin_unit_edition = '2024' WHERE path = '/01/'`);
  memberC3 = await fx.member(TREE.c3, { fullName: "Lò Văn Sính" });
  await fx.member(TREE.c3, { fullName: "Giàng Thị Mai", status: "probationary", admittedOn: "2025-02-01" });
  await fx.member(TREE.c1, { fullName: "Trần An" });
  await fx.rating({ memberId: memberC3 }, 2024, "good", "approved");
});
afterAll(() => h?.close());

describe("membership.restructuring: who may call", () => {
  it("answers restructuring's service account only; an official, another service account: FORBIDDEN; no token: 401", async () => {
    expect((await saga().tree.query({})).organizations.length).toBe(8);
    for (const [who, c] of [["central_board", h.client(CENTRAL)], ["personnel", service("personnel")], ["inspection", service("inspection")]] as const) {
      expect((await failure(c.membership.restructuring.tree.query({}))).code, who).toBe("FORBIDDEN");
      expect((await failure(c.membership.restructuring.mark.mutate({ idempotencyKey: "k-forbidden-1", effectiveOn: EFFECTIVE, orgCodes: ["02"], moving: true }))).code, who).toBe("FORBIDDEN");
      expect((await failure(c.membership.restructuring.conservation.query({ orgCodes: ["02"] }))).code, who).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).membership.restructuring.tree.query({}))).code).toBe("UNAUTHORIZED");
    expect(await fx.count("restructuring_mark")).toBe(0);
  });

  it("bad input → 400 naming the field, Vietnamese first", async () => {
    const f = await failure(saga().createOrgs.mutate({ idempotencyKey: "x", effectiveOn: "2025-13-01", create: [], update: [] }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.paths.sort()).toEqual(["effectiveOn", "idempotencyKey"]);
    expect(f.message).toMatch(/phải là khóa chống lặp/);
    const g = await failure(saga().tree.query({ provinceCodes: ["8"] }));
    expect(g.paths).toEqual(["provinceCodes.0"]);
  });
});

describe("membership.restructuring: a province moved under a new committee", () => {
  it("reads the tree of a province with direct member counts", async () => {
    const { organizations } = await saga().tree.query({ provinceCodes: ["02"] });
    expect(organizations.map((o) => [o.code, o.parentCode, o.members, o.moving])).toEqual([
      ["02", null, 0, false],
      ["02-G1", "02", 0, false],
      ["02-C3", "02-G1", 2, false],
    ]);
  });

  it("marks the subtree as being restructured (once per key)", async () => {
    const first = await saga().mark.mutate({ idempotencyKey: "plan-1:08:mark", effectiveOn: EFFECTIVE, orgCodes: ["02"], moving: true });
    expect(first).toEqual({ idempotencyKey: "plan-1:08:mark", records: { marks: 1 }, replayed: false });
    expect(await saga().mark.mutate({ idempotencyKey: "plan-1:08:mark", effectiveOn: EFFECTIVE, orgCodes: ["02"], moving: true })).toEqual({ ...first, replayed: true });
    const { organizations } = await saga().tree.query({ provinceCodes: ["02"] });
    expect(organizations.every((o) => o.moving)).toBe(true);
    // One event at the marked committee's own path (2.10), written once: the replay wrote none.
    expect(await markedEvents("plan-1:08:mark")).toEqual([["/02/", "02", true]]);
  });

  it("tells each organization's subtree of its mark and unmark: a province's board hears its own, not another's (2.10)", async () => {
    const hanoi = await listen(h.client(board(TREE.p1)));
    const haGiang = await listen(h.client(board(TREE.p2)));
    // "02" is already marked and "99-new" is no organization yet: only Hà Nội's mark changes an organization.
    const marked = await saga().mark.mutate({ idempotencyKey: "plan-2:01:mark", effectiveOn: EFFECTIVE, orgCodes: ["02", "01", "99-new"], moving: true });
    expect(marked.records).toEqual({ marks: 2 });
    expect(await markedEvents("plan-2:01:mark")).toEqual([["/01/", "01", true]]);
    const unmarked = await saga().mark.mutate({ idempotencyKey: "plan-2:01:unmark", effectiveOn: EFFECTIVE, orgCodes: ["01", "99-new"], moving: false });
    expect(unmarked.records).toEqual({ marks: 2 });
    expect(await saga().mark.mutate({ idempotencyKey: "plan-2:01:unmark", effectiveOn: EFFECTIVE, orgCodes: ["01", "99-new"], moving: false })).toEqual({ ...unmarked, replayed: true });
    expect(await markedEvents("plan-2:01:unmark")).toEqual([["/01/", "01", false]]);

    // The stream (what realtime relays, by the same rule): Hà Nội's board gets both, Hà Giang's neither, and
    // neither the steps' own events at "/".
    const marks = (r: typeof hanoi) => r.received.filter((e) => e.type === "membership.organization.marked").map((e) => [e.orgPath, e.payload.moving]);
    await until(() => marks(hanoi).length >= 2, 30_000);
    // A later event in Hà Giang's subtree shows its stream had caught up past the marks.
    await h.client(CENTRAL).membership.targets.set.mutate({ orgPath: TREE.p2, year: 2026, admissionsPlan: 1 });
    await until(() => haGiang.received.some((e) => e.type === "membership.target.set"), 30_000);
    hanoi.stop();
    haGiang.stop();
    expect(marks(hanoi)).toEqual([["/01/", true], ["/01/", false]]);
    expect(marks(haGiang)).toEqual([]);
    expect([...hanoi.received, ...haGiang.received].some((e) => e.orgPath === "/")).toBe(false);
  });

  it("creates the new committee, moves the commune with its cells and records, closes the old committee", async () => {
    const created = await saga().createOrgs.mutate({
      idempotencyKey: "plan-1:08:createOrgs",
      effectiveOn: EFFECTIVE,
      create: [{ code: "08-2025", kind: "provincial_committee", name: "Đảng bộ Tỉnh Tuyên Quang", parentCode: null, adminUnitCode: "08" }],
      update: [],
    });
    expect(created.records).toEqual({ organizationsCreated: 1, organizationsUpdated: 0 });

    const moved = await saga().reparent.mutate({ idempotencyKey: "plan-1:08:reparent", effectiveOn: EFFECTIVE, moves: [{ code: "02-G1", toParentCode: "08-2025" }] });
    expect(moved.moves).toEqual([{ code: "02-G1", fromPath: "/02/02-G1/", toPath: "/08-2025/02-G1/" }]);
    expect(moved.records).toMatchObject({ organizations: 2, member: 2, membership_period: 2, admission: 1, quality_rating: 1, organizationsMoved: 1 });
    // Every scope key follows; nothing is left on the old prefix except history.
    expect(await fx.count("member", "org_path LIKE '/02/%'")).toBe(0);
    expect(await fx.count("member", "org_path = '/08-2025/02-G1/02-C3/'")).toBe(2);
    expect(await fx.count("membership_period", "org_path LIKE '/02/%'")).toBe(0);
    expect(await fx.count("party_organization", "path LIKE '/08-2025/%'")).toBe(3);
    expect(await fx.count("org_member_total", "org_path = '/08-2025/02-G1/02-C3/' AND net = 2")).toBe(1);
    // The audit record keeps the old path as history.
    const { rows } = await h.db.query<{ after: { changes: { moves: { fromPath: string }[] } }; actor: string }>(`SELECT after, actor FROM audit_record WHERE entity = 'RestructuringStep' AND entity_id = 'plan-1:08:reparent'`);
    expect(rows[0]!.actor).toBe("service-account-restructuring");
    expect(rows[0]!.after.changes.moves[0]!.fromPath).toBe("/02/02-G1/");

    // A repeat answers the first result and moves nothing again.
    const again = await saga().reparent.mutate({ idempotencyKey: "plan-1:08:reparent", effectiveOn: EFFECTIVE, moves: [{ code: "02-G1", toParentCode: "08-2025" }] });
    expect(again).toEqual({ ...moved, replayed: true });
    expect(await fx.count("audit_record", "entity_id = 'plan-1:08:reparent'")).toBe(1);

    const closed = await saga().closeOrgs.mutate({ idempotencyKey: "plan-1:08:closeOrgs", effectiveOn: EFFECTIVE, close: [{ code: "02", successorCode: "08-2025" }] });
    expect(closed.records).toEqual({ organizationsClosed: 1 });
    expect(await fx.count("party_organization", "code = '02' AND closed_on = '2025-07-01'")).toBe(1);
    const events = await h.db.query<{ type: string; org_path: string }>(`SELECT type, org_path FROM outbox_event WHERE aggregate_id LIKE 'plan-1:08:%' ORDER BY id`);
    expect(events.rows.map((e) => e.org_path)).toEqual(["/", "/08-2025/", "/08-2025/02-G1/", "/02/"]);
  });

  it("refuses to close an organization members still belong to: the whole step, naming the entry", async () => {
    const f = await failure(saga().closeOrgs.mutate({ idempotencyKey: "plan-1:01:closeOrgs", effectiveOn: EFFECTIVE, close: [{ code: "01-K1", successorCode: null }, { code: "01-C1", successorCode: null }] }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/^close\.1\.code: 01-C1: còn 1 đảng viên sinh hoạt ở đây/);
    expect(await fx.count("party_organization", "code = '01-K1' AND closed_on IS NULL")).toBe(1);
    expect(await fx.count("restructuring_step", "idempotency_key = 'plan-1:01:closeOrgs'")).toBe(0);
  });

  it("refuses a key reused for another step", async () => {
    const f = await failure(saga().mark.mutate({ idempotencyKey: "plan-1:08:reparent", effectiveOn: EFFECTIVE, orgCodes: ["02"], moving: false }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/^idempotencyKey: khóa chống lặp đã dùng cho bước reparent/);
  });

  it("reopens what a step closed on the effective date (a rollback's compensation), nothing else", async () => {
    const refused = await failure(saga().reopenOrgs.mutate({ idempotencyKey: "plan-1:01:reopen", effectiveOn: EFFECTIVE, codes: ["01-K1"] }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/^codes\.0: 01-K1 không giải thể ngày 2025-07-01/);
    const r = await saga().reopenOrgs.mutate({ idempotencyKey: "plan-1:08:closeOrgs:undo", effectiveOn: EFFECTIVE, codes: ["02"] });
    expect(r).toEqual({ idempotencyKey: "plan-1:08:closeOrgs:undo", records: { organizationsReopened: 1 }, replayed: false });
    expect(await fx.count("party_organization", "code = '02' AND closed_on IS NULL")).toBe(1);
    expect((await saga().reopenOrgs.mutate({ idempotencyKey: "plan-1:08:closeOrgs:undo", effectiveOn: EFFECTIVE, codes: ["02"] })).replayed).toBe(true);
  });

  it("createOrgs answers what it renamed; restoreOrgs puts it back (a rollback's compensation), a 2024 unit included", async () => {
    const renamed = await saga().createOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs", effectiveOn: EFFECTIVE, create: [], update: [{ code: "01", name: "Đảng bộ Thành phố Hà Nội (2025)", adminUnitCode: "01" }] });
    expect(renamed.former).toEqual([{ code: "01", name: "Đảng bộ Thành phố Hà Nội", adminUnitCode: "01", adminUnitEdition: "2024" }]);
    const orgOne = async () => (await h.db.query<{ name: string; admin_unit_edition: string }>(`SELECT name, admin_unit_edition FROM party_organization WHERE code = '01'`)).rows[0];
    expect(await orgOne()).toEqual({ name: "Đảng bộ Thành phố Hà Nội (2025)", admin_unit_edition: "2025" });
    // A replay answers the same former values (not the renamed ones it would read now).
    expect((await saga().createOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs", effectiveOn: EFFECTIVE, create: [], update: [{ code: "01", name: "Đảng bộ Thành phố Hà Nội (2025)", adminUnitCode: "01" }] })).former).toEqual(renamed.former);

    const bad = await failure(saga().restoreOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs:undo:bad", effectiveOn: EFFECTIVE, restore: [{ code: "01", name: "X", adminUnitCode: "99", adminUnitEdition: "2025" }] }));
    expect([bad.code, bad.message]).toEqual(["BAD_REQUEST", expect.stringMatching(/restore\.0\.adminUnitCode: không có đơn vị 99 trong danh mục 2025/)]);
    const unpaired = await failure(saga().restoreOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs:undo:bad2", effectiveOn: EFFECTIVE, restore: [{ code: "01", name: "X", adminUnitCode: "01", adminUnitEdition: null }] }));
    expect(unpaired.code).toBe("BAD_REQUEST");
    const unknown = await failure(saga().restoreOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs:undo:bad3", effectiveOn: EFFECTIVE, restore: [{ code: "99-NONE", name: "X", adminUnitCode: null, adminUnitEdition: null }] }));
    expect([unknown.code, unknown.message]).toEqual(["NOT_FOUND", expect.stringMatching(/restore\.0\.code: không có tổ chức đang hoạt động mã này/)]);
    expect(await orgOne()).toEqual({ name: "Đảng bộ Thành phố Hà Nội (2025)", admin_unit_edition: "2025" });

    const restored = await saga().restoreOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs:undo", effectiveOn: EFFECTIVE, restore: renamed.former! });
    expect(restored).toEqual({ idempotencyKey: "plan-1:01:createOrgs:undo", records: { organizationsRestored: 1 }, replayed: false });
    expect(await orgOne()).toEqual({ name: "Đảng bộ Thành phố Hà Nội", admin_unit_edition: "2024" });
    expect((await saga().restoreOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs:undo", effectiveOn: EFFECTIVE, restore: renamed.former! })).replayed).toBe(true);
    expect((await failure(service("personnel").membership.restructuring.restoreOrgs.mutate({ idempotencyKey: "plan-1:01:createOrgs:undo:p", effectiveOn: EFFECTIVE, restore: [] }))).code).toBe("FORBIDDEN");
  });

  it("counts for conservation: members per subtree, none on a closed or non-cell organization", async () => {
    expect(await saga().conservation.query({ orgCodes: ["08-2025", "01", "nope"] })).toEqual({
      subtrees: [
        { code: "08-2025", path: "/08-2025/", members: 2 },
        { code: "01", path: "/01/", members: 1 },
        { code: "nope", path: null, members: 0 },
      ],
      members: 3,
      onClosed: 0,
      onNonCell: 0,
      districtCommittees: 0,
    });
    await saga().mark.mutate({ idempotencyKey: "plan-1:08:unmark", effectiveOn: EFFECTIVE, orgCodes: ["02"], moving: false });
    expect((await saga().tree.query({})).organizations.some((o) => o.moving)).toBe(false);
    // The closed committee keeps its path: the unmark is told there.
    expect(await markedEvents("plan-1:08:unmark")).toEqual([["/02/", "02", false]]);
  });
});
