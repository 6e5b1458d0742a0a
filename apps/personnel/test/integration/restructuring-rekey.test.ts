// personnel.restructuring.rekey over real HTTP (issue #14, docs/restructuring.md "Rekey"): restructuring's
// service account moves every stored organization path of a subtree (cadres, posts, votes, conclusions,
// effects: every table with a scope key); audit records and events keep the old paths; a repeat replays;
// bad input names the field; nobody else may call it; after the move the old province's officer sees
// nothing of what moved and the new paths' officers see it.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL, failure, OFFICER_HN, OFFICER_P2, TREE, as, startHarness, type Harness } from "./harness.js";

let h: Harness;
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const OFFICER_NEW = as("personnel_officer", "/03/");
const MOVES = [
  { fromPath: "/01/", toPath: "/03/" },
  { fromPath: TREE.k1, toPath: "/02/02-K1/" },
];
const KEY = "plan-1:province-03:personnel";
const rekey = (over: Record<string, unknown> = {}) => h.client(RESTRUCTURING).personnel.restructuring.rekey.mutate({ idempotencyKey: KEY, effectiveOn: "2025-07-01", moves: MOVES, ...over });
const sql = <T>(q: string, ...v: unknown[]) => h.db.prisma.$queryRawUnsafe<T[]>(q, ...v);
const ids = { k1: "", p1: "", p2: "", postP1: "", postK1: "", postP2: "" };

beforeAll(async () => {
  h = await startHarness();
  const hn = h.client(OFFICER_HN).personnel;
  const cadre = (api: typeof hn, orgPath: string, nationalId: string, fullName: string) => api.cadres.create.mutate({ orgPath, memberId: null, nationalId, fullName, birthDate: "1975-01-01", gender: "male" });
  ids.k1 = (await cadre(hn, TREE.k1, "001075000101", "Hoàng Văn Khánh")).id;
  ids.p1 = (await cadre(hn, TREE.p1, "001075000102", "Đỗ Văn Phúc")).id;
  ids.p2 = (await cadre(h.client(OFFICER_P2).personnel, TREE.p2, "001075000103", "Lò Văn Hùng")).id;
  // State posts: open to cadres who are not members (the cadres here are not in membership).
  const post = (api: typeof hn, orgPath: string, title: string) => api.posts.create.mutate({ orgPath, title, kind: "leadership", body: "state", membersOnly: false, termStartYear: 2025, termEndYear: 2030 });
  ids.postP1 = (await post(hn, TREE.p1, "Phó Chủ tịch UBND tỉnh")).id;
  ids.postK1 = (await post(hn, TREE.k1, "Hiệu trưởng")).id;
  ids.postP2 = (await post(h.client(OFFICER_P2).personnel, TREE.p2, "Phó Chủ tịch UBND tỉnh")).id;
  await hn.planning.addCandidate.mutate({ postId: ids.postP1, cadreId: ids.p1, addedOn: "2025-03-01" });
}, 240_000);
afterAll(() => h?.close());

describe("who may rekey", () => {
  it("only restructuring's service account with scope /; officials, other services, a narrower token: FORBIDDEN; no token: UNAUTHORIZED", async () => {
    const codes = await Promise.all(
      [OFFICER_HN, CENTRAL, as("personnel_officer", "/"), as("auditor", "/"), { ...RESTRUCTURING, azp: "inspection" }, { ...RESTRUCTURING, azp: "membership" }, { ...RESTRUCTURING, orgPaths: ["/01/"] }].map(
        async (claims) => (await failure(h.client(claims).personnel.restructuring.rekey.mutate({ idempotencyKey: "x", effectiveOn: "2025-07-01", moves: MOVES }))).code,
      ),
    );
    expect(codes).toEqual(Array(7).fill("FORBIDDEN"));
    expect((await failure(h.client(null).personnel.restructuring.rekey.mutate({ idempotencyKey: "x", effectiveOn: "2025-07-01", moves: MOVES }))).code).toBe("UNAUTHORIZED");
    expect(await sql(`SELECT 1 FROM rekey_request`)).toEqual([]);
  });

  it.each(([
    [{ idempotencyKey: "" }, "idempotencyKey"],
    [{ effectiveOn: "2025-7-1" }, "effectiveOn"],
    [{ moves: [{ fromPath: "/01", toPath: "/03/" }] }, "moves.0.fromPath"],
    [{ moves: [{ fromPath: "/01/", toPath: "/03/" }, { fromPath: "/01/", toPath: "/04/" }] }, "moves.1.fromPath"],
    [{ moves: [] }, "moves"],
  ] as [Record<string, unknown>, string][]).map(([over, field]) => [field, over] as const))("bad input %# names %s", async (field, over) => {
    const f = await failure(rekey({ idempotencyKey: "bad", ...over }));
    expect([f.code, f.fieldErrors.map((e) => e.path).includes(field)]).toEqual(["BAD_REQUEST", true]);
  });
});

describe("the rewrite", () => {
  it("moves cadres and posts (longest prefix first), leaves province 2's, keeps history's paths", async () => {
    const out = await rekey();
    expect(out.replayed).toBe(false);
    expect(out.records).toMatchObject({ cadre: 2, post: 2 });
    // Every table of personnel's schema with a scope key is rewritten (a new one shows up here).
    expect(Object.keys(out.records)).toEqual(expect.arrayContaining(["applied_effect", "cadre", "post", "standard_conclusion", "vote_session"]));
    const where = async (table: string, id: string) => (await sql<{ org_path: string }>(`SELECT org_path FROM ${table} WHERE id = $1::uuid`, id))[0]!.org_path;
    expect([await where("cadre", ids.k1), await where("cadre", ids.p1), await where("cadre", ids.p2)]).toEqual(["/02/02-K1/", "/03/", TREE.p2]);
    expect([await where("post", ids.postK1), await where("post", ids.postP1), await where("post", ids.postP2)]).toEqual(["/02/02-K1/", "/03/", TREE.p2]);
    expect(await sql(`SELECT 1 FROM cadre WHERE org_path LIKE '/01/%' UNION ALL SELECT 1 FROM post WHERE org_path LIKE '/01/%'`)).toEqual([]);
    // History: the cadre's creation event and audit record keep /01/01-K1/.
    expect(await sql(`SELECT org_path FROM outbox_event WHERE aggregate_id = $1`, ids.k1)).toEqual([{ org_path: TREE.k1 }]);
    expect(await sql(`SELECT action, org_path FROM audit_record WHERE entity = 'ScopeKeys'`)).toEqual([{ action: "personnel.restructuring.rekey", org_path: "/" }]);
    expect(await sql(`SELECT type, org_path FROM outbox_event WHERE type LIKE '%rekeyed'`)).toEqual([{ type: "personnel.restructuring.rekeyed", org_path: "/" }]);
  });

  it("a repeat replays the stored result and writes nothing", async () => {
    const events = (await sql(`SELECT 1 FROM outbox_event`)).length;
    const first = await sql<{ result: { records: Record<string, number> } }>(`SELECT result FROM rekey_request`);
    expect(await rekey()).toEqual({ idempotencyKey: KEY, records: first[0]!.result.records, replayed: true });
    expect((await sql(`SELECT 1 FROM outbox_event`)).length).toBe(events);
    expect((await failure(rekey({ effectiveOn: "2025-07-02" }))).code).toBe("CONFLICT");
  });

  it("the old province's officer sees nothing that moved; the new paths' officers do", async () => {
    const old = h.client(OFFICER_HN).personnel;
    expect((await old.cadres.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    expect((await old.posts.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
    expect((await failure(old.cadres.get.query({ cadreId: ids.p1 }))).code).toBe("NOT_FOUND");
    const neu = await h.client(OFFICER_NEW).personnel.cadres.get.query({ cadreId: ids.p1 });
    expect(neu).toMatchObject({ orgPath: "/03/", pool: [expect.objectContaining({ postId: ids.postP1 })] });
    expect((await h.client(OFFICER_P2).personnel.cadres.list.query({ orgPath: TREE.p2 })).items.map((c) => c.id).sort()).toEqual([ids.k1, ids.p2].sort());
  });
});
