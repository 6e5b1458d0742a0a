// inspection.restructuring.conservation over real HTTP (issue #14 "every member, case and post accounted
// for"; docs/restructuring.md "Verify"): restructuring's service account counts the cases (every table with
// a scope key) under given paths and those left under closed organizations' paths; the counts follow a
// rekey; bad input names the field; nobody else may call it.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectionInput, programInput } from "./fixtures.js";
import { as, CENTRAL, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const count = (input: { paths: string[]; closedPaths?: string[] }, claims: MintOptions = RESTRUCTURING) => h.client(claims).inspection.restructuring.conservation.query(input);
const sql = <T>(q: string, ...v: unknown[]) => h.db.prisma.$queryRawUnsafe<T[]>(q, ...v);

beforeAll(async () => {
  h = await startHarness();
  const hn = h.client(INSPECTOR_HN).inspection;
  await hn.programs.create.mutate(programInput(h.members.hn1));
  await h.client(INSPECTOR_P2).inspection.programs.create.mutate(programInput(h.members.p2, { ownerOrgPath: TREE.p2, items: [{ subject: { kind: "member", memberId: h.members.p2 }, content: "Giám sát kê khai", quarter: 1 }] }));
  await hn.inspections.decide.mutate(inspectionInput(h.members.hn2));
  const central = h.client(as("inspection_committee", "/")).inspection;
  for (const orgPath of [TREE.k1, TREE.c1, TREE.k2, "/010/"]) await central.watchList.add.mutate({ link: { kind: "free_text", orgPath }, title: `Vụ việc ${orgPath}`, addedOn: "2025-06-01" });
}, 240_000);
afterAll(() => h?.close());

describe("who may count", () => {
  it("only restructuring's service account with scope /: officials, other services and a narrower token are refused", async () => {
    const codes = await Promise.all(
      [INSPECTOR_HN, CENTRAL, as("inspection_committee", "/"), as("auditor", "/"), { ...RESTRUCTURING, azp: "personnel" }, { ...RESTRUCTURING, azp: "realtime" }, { ...RESTRUCTURING, orgPaths: ["/01/"] }, { ...RESTRUCTURING, roles: ["central_board"] }].map(
        async (claims) => (await failure(count({ paths: ["/01/"] }, claims))).code,
      ),
    );
    expect(codes).toEqual(Array(8).fill("FORBIDDEN"));
    expect((await failure(h.client(null).inspection.restructuring.conservation.query({ paths: ["/01/"] }))).code).toBe("UNAUTHORIZED");
  });

  it.each(([
    [{ paths: [] }, "paths"],
    [{ paths: ["/01/", "01/"] }, "paths.1"],
    [{ paths: ["/01/"], closedPaths: ["/"] }, "closedPaths.0"],
  ] as [{ paths: string[]; closedPaths?: string[] }, string][]).map(([input, field]) => [field, input] as const))("bad input %# names %s", async (field, input) => {
    const f = await failure(count(input));
    expect([f.code, f.fieldErrors.map((e) => e.path).includes(field)]).toEqual(["BAD_REQUEST", true]);
    expect(f.fieldErrors.find((e) => e.path === field)?.message).toMatch(/ \/ /);
  });
});

describe("the counts across a rekey", () => {
  it("every case table counted under each path; after the move the same total under the new path, nothing left under the old one", async () => {
    const before = await count({ paths: ["/01/", "/03/", "/02/"] });
    expect(Object.keys(before.under[0]!.records).sort()).toEqual(["appeal", "discipline_decision", "inspection", "petition", "program", "program_item", "supervision", "watch_entry"]);
    // Against the tables themselves: a row counts once even when several of its path columns are under the path.
    const [direct] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM watch_entry WHERE org_path LIKE '/01/%'`);
    expect(before.under[0]!.records.watch_entry).toBe(direct!.n);
    expect(before.under[0]!.records.inspection).toBe(1);
    expect(before.under[1]!.total).toBe(0);
    const p2 = before.under[2]!.total;

    await h.client(RESTRUCTURING).inspection.restructuring.rekey.mutate({ idempotencyKey: "plan-1:province-03:inspection", effectiveOn: "2025-07-01", moves: [{ fromPath: "/01/", toPath: "/03/" }] });
    const after = await count({ paths: ["/03/", "/02/"], closedPaths: ["/01/"] });
    expect(after.under.map((u) => u.total)).toEqual([before.under[0]!.total, p2]);
    expect(after.left.total).toBe(0);

    // A case recorded under the closed path afterwards is reported as left, with its path.
    await sql(`UPDATE watch_entry SET org_path = '/01/01-K1/' WHERE org_path = '/03/01-K1/'`);
    const broken = await count({ paths: ["/03/"], closedPaths: ["/01/"] });
    expect(broken.left).toEqual({ total: 1, records: expect.objectContaining({ watch_entry: 1, inspection: 0 }), paths: [{ path: "/01/", total: 1 }] });
  });
});
