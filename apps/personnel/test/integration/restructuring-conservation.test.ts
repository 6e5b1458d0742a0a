// personnel.restructuring.conservation over real HTTP (issue #14 "every member, case and post accounted
// for"; docs/restructuring.md "Verify"): restructuring's service account counts the scope-key rows under
// given paths and those left under closed organizations' paths, and every cadre's post or surplus status;
// bad input names the field; nobody else may call it.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL, failure, OFFICER_HN, OFFICER_P2, TREE, as, startHarness, type Harness } from "./harness.js";

let h: Harness;
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const count = (input: { paths: string[]; closedPaths?: string[] }, claims: MintOptions = RESTRUCTURING) => h.client(claims).personnel.restructuring.conservation.query(input);
const ids = { k1: "", p1: "", p2: "", postP1: "", postK1: "", postP2: "" };

beforeAll(async () => {
  h = await startHarness();
  const hn = h.client(OFFICER_HN).personnel;
  const p2 = h.client(OFFICER_P2).personnel;
  const cadre = (api: typeof hn, orgPath: string, nationalId: string, fullName: string) => api.cadres.create.mutate({ orgPath, memberId: null, nationalId, fullName, birthDate: "1975-01-01", gender: "male" });
  ids.k1 = (await cadre(hn, TREE.k1, "001075000201", "Hoàng Văn Khánh")).id;
  ids.p1 = (await cadre(hn, TREE.p1, "001075000202", "Đỗ Văn Phúc")).id;
  ids.p2 = (await cadre(p2, TREE.p2, "001075000203", "Lò Văn Hùng")).id;
  const post = (api: typeof hn, orgPath: string, title: string) => api.posts.create.mutate({ orgPath, title, kind: "leadership", body: "state", membersOnly: false, termStartYear: 2025, termEndYear: 2030 });
  ids.postP1 = (await post(hn, TREE.p1, "Phó Chủ tịch UBND tỉnh")).id;
  ids.postK1 = (await post(hn, TREE.k1, "Hiệu trưởng")).id;
  ids.postP2 = (await post(p2, TREE.p2, "Phó Chủ tịch UBND tỉnh")).id;
  await hn.posts.appoint.mutate({ postId: ids.postP1, cadreId: ids.p1, startedOn: "2025-01-02" });
  await hn.posts.appoint.mutate({ postId: ids.postK1, cadreId: ids.k1, startedOn: "2025-01-02" });
  await p2.posts.appoint.mutate({ postId: ids.postP2, cadreId: ids.p2, startedOn: "2025-01-02" });
}, 240_000);
afterAll(() => h?.close());

describe("who may count", () => {
  it("only restructuring's service account with scope /; officials, other services, a narrower token: FORBIDDEN; no token: UNAUTHORIZED", async () => {
    const codes = await Promise.all(
      [OFFICER_HN, CENTRAL, as("personnel_officer", "/"), as("auditor", "/"), { ...RESTRUCTURING, azp: "inspection" }, { ...RESTRUCTURING, azp: "membership" }, { ...RESTRUCTURING, orgPaths: ["/01/"] }].map(
        async (claims) => (await failure(count({ paths: ["/01/"] }, claims))).code,
      ),
    );
    expect(codes).toEqual(Array(7).fill("FORBIDDEN"));
    expect((await failure(h.client(null).personnel.restructuring.conservation.query({ paths: ["/01/"] }))).code).toBe("UNAUTHORIZED");
  });

  it.each(([
    [{ paths: [] }, "paths"],
    [{ paths: ["/01"] }, "paths.0"],
    [{ paths: ["/"] }, "paths.0"],
    [{ paths: ["/01/"], closedPaths: ["/01/", "02"] }, "closedPaths.1"],
  ] as [{ paths: string[]; closedPaths?: string[] }, string][]).map(([input, field]) => [field, input] as const))("bad input %# names %s", async (field, input) => {
    const f = await failure(count(input));
    expect([f.code, f.fieldErrors.map((e) => e.path).includes(field)]).toEqual(["BAD_REQUEST", true]);
    expect(f.fieldErrors.find((e) => e.path === field)?.message).toMatch(/ \/ /); // Vietnamese / English
  });
});

describe("the counts", () => {
  it("rows per scope-key table under each path; nothing left when no path is closed; every cadre holding an open post", async () => {
    const r = await count({ paths: [TREE.p1, TREE.p2, TREE.k1] });
    expect(r.under.map((u) => [u.path, u.records.cadre, u.records.post, u.total])).toEqual([
      [TREE.p1, 2, 2, 4],
      [TREE.p2, 1, 1, 2],
      [TREE.k1, 1, 1, 2],
    ]);
    // Every table holding a scope key is in the answer (as the rekey's).
    expect(Object.keys(r.under[0]!.records)).toEqual(expect.arrayContaining(["cadre", "post", "vote_session", "surplus_case", "rotation"]));
    expect(r.left).toEqual({ total: 0, records: expect.any(Object), paths: [] });
    expect(r.cadres).toEqual({ total: 3, holdingOpenPost: 3, surplus: 0, withoutPost: 0, unaccounted: 0 });
  });

  it("a closed path: its rows are left, a cadre holding a post only there is unaccounted until a surplus case places them", async () => {
    const closed = await count({ paths: [TREE.p1], closedPaths: [TREE.k1] });
    expect(closed.left).toEqual({ total: 2, records: expect.objectContaining({ cadre: 1, post: 1 }), paths: [{ path: TREE.k1, total: 2 }] });
    expect(closed.cadres).toEqual({ total: 2, holdingOpenPost: 1, surplus: 0, withoutPost: 0, unaccounted: 1 });
    await h.client(OFFICER_HN).personnel.surplus.record.mutate({ cadreId: ids.k1, sourceOrgPath: TREE.k1, mergedOn: "2025-07-01" });
    const placed = await count({ paths: [TREE.p1], closedPaths: [TREE.k1] });
    expect(placed.cadres).toEqual({ total: 2, holdingOpenPost: 1, surplus: 1, withoutPost: 0, unaccounted: 0 });
    // The surplus case itself is a record under the closed path (the rekey moves it with the rest).
    expect(placed.left.records.surplus_case).toBe(1);
  });

  it("writes nothing (counts only): no audit record, no event", async () => {
    const before = await h.db.prisma.$queryRawUnsafe<{ a: number; e: number }[]>(`SELECT (SELECT count(*)::int FROM audit_record) AS a, (SELECT count(*)::int FROM outbox_event) AS e`);
    await count({ paths: [TREE.p1], closedPaths: [TREE.k1] });
    expect(await h.db.prisma.$queryRawUnsafe(`SELECT (SELECT count(*)::int FROM audit_record) AS a, (SELECT count(*)::int FROM outbox_event) AS e`)).toEqual(before);
  });
});
