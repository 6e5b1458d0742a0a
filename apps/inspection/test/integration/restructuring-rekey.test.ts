// inspection.restructuring.rekey over real HTTP (issue #14, docs/restructuring.md "Rekey"): restructuring's
// service account moves every stored organization path of a subtree; audit records and events keep the
// old paths; a repeat replays; bad input names the field; nobody else may call it; after the move an
// inspector of the old province sees nothing of what moved, and the new path's inspectors see it.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectionInput, programInput } from "./fixtures.js";
import { as, CENTRAL, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** Restructuring's service account, as its client-credentials token carries it (scope "/"). */
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const restructuring = () => h.client(RESTRUCTURING).inspection.restructuring;
/** The new province's commission (the moves below send the rest of province 1 to /03/). */
const INSPECTOR_NEW = as("inspection_committee", "/03/");

// Province 1's school cell joins province 2; the rest of province 1 becomes /03/ (longest prefix first).
const MOVES = [
  { fromPath: "/01/", toPath: "/03/" },
  { fromPath: TREE.k1, toPath: "/02/02-K1/" },
];
const rekey = (over: Record<string, unknown> = {}) => restructuring().rekey.mutate({ idempotencyKey: "plan-1:province-03:inspection", effectiveOn: "2025-07-01", moves: MOVES, ...over });

const sql = <T>(q: string, ...v: unknown[]) => h.db.prisma.$queryRawUnsafe<T[]>(q, ...v);

let inspectionId = "";
const watch: Record<string, string> = {};

beforeAll(async () => {
  const hn = h.client(INSPECTOR_HN).inspection;
  await hn.programs.create.mutate(programInput(h.members.hn1));
  await h.client(INSPECTOR_P2).inspection.programs.create.mutate(programInput(h.members.p2, { ownerOrgPath: TREE.p2, items: [{ subject: { kind: "member", memberId: h.members.p2 }, content: "Giám sát kê khai", quarter: 1 }] }));
  inspectionId = (await hn.inspections.decide.mutate(inspectionInput(h.members.hn2))).id;
  const central = h.client(as("inspection_committee", "/")).inspection;
  for (const [k, orgPath] of Object.entries({ k1: TREE.k1, c1: TREE.c1, k2: TREE.k2, decoy: "/010/" })) {
    watch[k] = (await central.watchList.add.mutate({ link: { kind: "free_text", orgPath }, title: `Vụ việc ${k}`, addedOn: "2025-06-01" })).id;
  }
});

describe("who may rekey", () => {
  it("only restructuring's service account with scope /: officials, other services and a narrower token are refused, nothing written", async () => {
    const refusals = await Promise.all(
      [
        INSPECTOR_HN,
        CENTRAL,
        as("inspection_committee", "/"),
        as("auditor", "/"),
        { ...RESTRUCTURING, azp: "personnel" },
        { ...RESTRUCTURING, azp: "realtime" },
        { ...RESTRUCTURING, orgPaths: ["/01/"] },
        { ...RESTRUCTURING, roles: ["central_board"] },
      ].map((claims) => failure(h.client(claims).inspection.restructuring.rekey.mutate({ idempotencyKey: "x", effectiveOn: "2025-07-01", moves: MOVES }))),
    );
    expect(refusals.map((r) => r.code)).toEqual(Array(8).fill("FORBIDDEN"));
    expect((await failure(h.client(null).inspection.restructuring.rekey.mutate({ idempotencyKey: "x", effectiveOn: "2025-07-01", moves: MOVES }))).code).toBe("UNAUTHORIZED");
    expect(await sql(`SELECT 1 FROM rekey_request`)).toEqual([]);
  });
});

describe("bad input names the field", () => {
  it.each(([
    [{ idempotencyKey: "" }, "idempotencyKey"],
    [{ idempotencyKey: "k".repeat(201) }, "idempotencyKey"],
    [{ effectiveOn: "01/07/2025" }, "effectiveOn"],
    [{ effectiveOn: "2025-02-30" }, "effectiveOn"],
    [{ moves: [] }, "moves"],
    [{ moves: [{ fromPath: "01/02", toPath: "/03/" }] }, "moves.0.fromPath"],
    [{ moves: [{ fromPath: "/01/", toPath: "/03" }] }, "moves.0.toPath"],
    [{ moves: [{ fromPath: "/", toPath: "/03/" }] }, "moves.0.fromPath"],
    [{ moves: [{ fromPath: "/01/", toPath: "/01/" }] }, "moves.0.toPath"],
    [{ moves: [{ fromPath: "/01/", toPath: "/03/" }, { fromPath: "/01/", toPath: "/04/" }] }, "moves.1.fromPath"],
    [{ moves: Array.from({ length: 5001 }, (_, i) => ({ fromPath: `/01/x${i}/`, toPath: `/03/x${i}/` })) }, "moves"],
  ] as [Record<string, unknown>, string][]).map(([over, field]) => [field, over] as const))("case %# names %s", async (field, over) => {
    const f = await failure(rekey({ idempotencyKey: "bad", ...over }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors.map((e) => e.path)).toContain(field);
    expect(f.fieldErrors.find((e) => e.path === field)?.message).toMatch(/ \/ /); // Vietnamese / English
  });
});

describe("a move whose rows collide with rows at the target", () => {
  it("is refused whole (CONFLICT), nothing written: two commissions' 2026 programs under one body", async () => {
    const f = await failure(rekey({ idempotencyKey: "collide", moves: [{ fromPath: "/01/", toPath: TREE.p2 }] }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/^moves: .* \/ /);
    expect(await sql(`SELECT owner_org_path FROM program ORDER BY 1`)).toEqual([{ owner_org_path: "/01/" }, { owner_org_path: "/02/" }]);
    expect(await sql(`SELECT 1 FROM rekey_request`)).toEqual([]);
  });
});

describe("the rewrite", () => {
  let auditBefore = 0;
  it("moves every scope key under the moves, longest prefix first, and leaves other provinces and /010/ alone", async () => {
    auditBefore = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_record`))[0]!.n;
    const out = await rekey();
    expect(out).toEqual({ idempotencyKey: "plan-1:province-03:inspection", replayed: false, records: expect.objectContaining({ program: 1, program_item: 2, inspection: 1, watch_entry: 2 }) });
    // Each table that holds a scope key is in the answer (a table added later shows up here).
    expect(Object.keys(out.records).sort()).toEqual(["appeal", "discipline_decision", "inspection", "petition", "program", "program_item", "supervision", "watch_entry"]);
    const paths = async (id: string) => (await sql<{ org_path: string }>(`SELECT org_path FROM watch_entry WHERE id = $1`, id))[0]!.org_path;
    expect(await paths(watch.k1!)).toBe("/02/02-K1/");
    expect(await paths(watch.c1!)).toBe("/03/01-G1/01-C1/");
    expect(await paths(watch.k2!)).toBe(TREE.k2);
    expect(await paths(watch.decoy!)).toBe("/010/");
    expect(await sql(`SELECT subject_org_path, conductor_org_path FROM inspection WHERE id = $1`, inspectionId)).toEqual([{ subject_org_path: "/02/02-K1/", conductor_org_path: "/03/" }]);
    expect(await sql(`SELECT owner_org_path FROM program ORDER BY 1`)).toEqual([{ owner_org_path: "/02/" }, { owner_org_path: "/03/" }]);
    expect(await sql(`SELECT subject_org_path FROM program_item ORDER BY 1`)).toEqual([{ subject_org_path: "/02/02-K2/" }, { subject_org_path: "/03/01-G1/" }, { subject_org_path: "/03/01-G1/01-C1/" }]);
    // No stored scope key is left under the old province, but history is.
    for (const [table, col] of [["watch_entry", "org_path"], ["inspection", "subject_org_path"], ["inspection", "conductor_org_path"], ["program", "owner_org_path"], ["program_item", "subject_org_path"]]) {
      expect(await sql(`SELECT 1 FROM ${table} WHERE ${col} LIKE '/01/%'`)).toEqual([]);
    }
    expect(await sql(`SELECT org_path FROM outbox_event WHERE aggregate_id = $1`, watch.k1)).toEqual([{ org_path: TREE.k1 }]);
    expect((await sql(`SELECT 1 FROM audit_record WHERE org_path LIKE '/01/%'`)).length).toBeGreaterThan(0);
  });

  it("writes one audit record and one event with the moves and counts", async () => {
    const audits = await sql<{ action: string; entity: string; entity_id: string; org_path: string; actor: string; after: { records: Record<string, number>; moves: unknown[]; effectiveOn: string } }>(
      `SELECT action, entity, entity_id, org_path, actor, after FROM audit_record WHERE id > (SELECT max(id) - 1 FROM audit_record)`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "inspection.restructuring.rekey", entity: "ScopeKeys", entity_id: "plan-1:province-03:inspection", org_path: "/", actor: RESTRUCTURING.sub, after: { effectiveOn: "2025-07-01", moves: MOVES } });
    expect(audits[0]!.after.records).toMatchObject({ watch_entry: 2, inspection: 1 });
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_record`))[0]!.n).toBe(auditBefore + 1);
    const events = await sql<{ type: string; org_path: string; payload: { records: Record<string, number> } }>(`SELECT type, org_path, payload FROM outbox_event WHERE type = 'inspection.restructuring.rekeyed'`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ org_path: "/", payload: { idempotencyKey: "plan-1:province-03:inspection", effectiveOn: "2025-07-01", moves: MOVES } });
  });

  it("a repeat answers the stored result (replayed), rewriting and recording nothing; the key with other moves is a CONFLICT", async () => {
    const events = (await sql(`SELECT 1 FROM outbox_event`)).length;
    const first = (await sql<{ result: unknown }>(`SELECT result FROM rekey_request`))[0]!.result as { records: Record<string, number> };
    const again = await rekey();
    expect(again).toEqual({ idempotencyKey: "plan-1:province-03:inspection", records: first.records, replayed: true });
    expect((await sql(`SELECT 1 FROM outbox_event`)).length).toBe(events);
    const reused = await failure(rekey({ moves: [{ fromPath: "/02/", toPath: "/04/" }] }));
    expect([reused.code, reused.message.startsWith("idempotencyKey: ")]).toEqual(["CONFLICT", true]);
    expect(await sql(`SELECT org_path FROM watch_entry WHERE id = $1`, watch.k2)).toEqual([{ org_path: TREE.k2 }]);
  });
});

describe("after the move, what each official sees", () => {
  it("the old province's inspector sees nothing that moved (NOT_FOUND like a missing case); the new paths' inspectors see it", async () => {
    const old = h.client(INSPECTOR_HN).inspection;
    expect((await old.watchList.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    expect((await failure(old.inspections.get.query({ inspectionId }))).code).toBe("NOT_FOUND");
    expect((await failure(old.watchList.close.mutate({ watchId: watch.c1!, closedOn: "2025-07-02" }))).code).toBe("NOT_FOUND");
    expect((await old.programs.list.query({ orgPath: TREE.p1 })).items).toEqual([]);

    const neu = h.client(INSPECTOR_NEW).inspection;
    expect((await neu.watchList.list.query({ orgPath: "/03/" })).items.map((e) => [e.id, e.orgPath])).toEqual([[watch.c1, "/03/01-G1/01-C1/"]]);
    const p2 = h.client(INSPECTOR_P2).inspection;
    expect((await p2.inspections.get.query({ inspectionId })).subject.orgPath).toBe("/02/02-K1/");
    expect((await p2.watchList.list.query({ orgPath: TREE.p2 })).items.map((e) => e.orgPath).sort()).toEqual(["/02/02-K1/", TREE.k2]);
  });
});
