// inspection.audit.search (role auditor, #9) over HTTP, as membership's and conference's: an auditor of /01/ sees
// the /01/ records only (the case reads of the commission included), a sibling's subtree is an empty page and
// writes nothing, a wider path is narrowed; the search itself is recorded; no other role may search, and the
// auditor reads no case. verify accepts the chain afterwards.
import { verifyAuditChain } from "@orgboard/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { programInput } from "./fixtures.js";
import { as, failure, INSPECTOR_HN, INSPECTOR_P2, startHarness, TREE, type Harness } from "./harness.js";

let h: Harness;
let programHn: string;

beforeAll(async () => {
  h = await startHarness();
  programHn = (await h.client(INSPECTOR_HN).inspection.programs.create.mutate(programInput(h.members.hn1))).id;
  await h.client(INSPECTOR_P2).inspection.programs.create.mutate(programInput(h.members.p2, { ownerOrgPath: TREE.p2, items: [{ subject: { kind: "organization", orgPath: TREE.k2 }, content: "Kiểm tra", quarter: 1 }] }));
  // A read of a case is audited too: the auditor finds who read what.
  await h.client(INSPECTOR_HN).inspection.programs.get.query({ programId: programHn });
});
afterAll(async () => {
  await h?.close();
});

const auditor = (orgPath: string) => h.client(as("auditor", orgPath)).inspection;

describe("inspection.audit.search", () => {
  it("gives an auditor of /01/ the /01/ records only, newest first, and records the search", async () => {
    const page = await auditor(TREE.p1).audit.search.query({ limit: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((r) => r.orgPath.startsWith(TREE.p1))).toBe(true);
    expect(page.items.some((r) => r.action === "inspection.programs.manage" && r.entityId === programHn)).toBe(true);
    const ids = page.items.map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const searches = await auditor(TREE.p1).audit.search.query({ entity: "AuditSearch", kind: "read" });
    expect(searches.items[0]).toMatchObject({ actor: `auditor-${TREE.p1}`, kind: "read", orgPath: TREE.p1, after: { filters: { limit: 200 } } });
  });

  it("answers a sibling's subtree with an empty page and writes nothing; narrows a wider one", async () => {
    const before = await h.db.prisma.auditRecord.count();
    expect(await auditor(TREE.p1).audit.search.query({ orgPath: TREE.p2 })).toEqual({ items: [], nextCursor: null });
    expect(await h.db.prisma.auditRecord.count()).toBe(before);
    const wide = await auditor(TREE.p1).audit.search.query({ orgPath: "/", kind: "change", limit: 200 });
    expect(wide.items.length).toBeGreaterThan(0);
    expect(wide.items.every((r) => r.orgPath.startsWith(TREE.p1))).toBe(true);
    const other = await auditor(TREE.p2).audit.search.query({ kind: "change", limit: 200 });
    expect(other.items.length).toBeGreaterThan(0);
    expect(other.items.every((r) => r.orgPath.startsWith(TREE.p2))).toBe(true);
  });

  it("is for auditors only, and the auditor reads no case", async () => {
    for (const claims of [INSPECTOR_HN, as("central_board", "/"), as("provincial_board", TREE.p1), as("service", "/")]) {
      expect((await failure(h.client(claims).inspection.audit.search.query({}))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(auditor(TREE.p1).programs.get.query({ programId: programHn }))).code).toBe("FORBIDDEN");
    expect((await failure(h.client(null).inspection.audit.search.query({}))).code).toBe("UNAUTHORIZED");
  });

  it("leaves a chain verify accepts", async () => {
    expect(await verifyAuditChain(h.db.prisma)).toMatchObject({ ok: true, fault: null });
  });
});
