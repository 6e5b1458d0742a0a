// conference.audit.search (role auditor) over HTTP, and the audit chain after real traffic: an auditor of
// /01/ sees /01/ records only; a sibling's subtree is an empty page; the search itself is recorded; verify
// accepts the chain the service wrote (Prisma transactions, concurrent requests).
import { verifyAuditChain } from "@orgboard/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGANIZER, conferenceInput, startHarness, type Harness } from "./harness.js";

let h: Harness;

const site = (orgPath: string, code: string) => ({ code, name: `Điểm cầu ${code}`, orgPath, chairName: "Nguyễn Văn An", expectedAttendance: 10 });

beforeAll(async () => {
  h = await startHarness();
  const organizer = h.client(ORGANIZER);
  // Concurrent writers through the API: one chain whatever order their transactions commit in.
  await Promise.all(
    ["/01/", "/01/01-001/", "/02/", "/02/", "/01/"].map((orgPath, i) =>
      organizer.conference.create.mutate(conferenceInput({ orgPath, sites: [site(orgPath, `S${i}`)], title: `Hội nghị ${i}` })),
    ),
  );
});
afterAll(async () => {
  await h?.close();
});

const auditor = (orgPath: string) => h.client({ sub: `auditor-${orgPath}`, roles: ["auditor"], orgPaths: [orgPath] });

describe("conference.audit.search", () => {
  it("gives an auditor of /01/ the /01/ records only, newest first, and records the search", async () => {
    const page = await auditor("/01/").conference.audit.search.query({ limit: 100 });
    expect(page.items.filter((r) => r.action === "conference.conferences.create")).toHaveLength(3);
    expect(page.items.every((r) => r.orgPath.startsWith("/01/"))).toBe(true);
    const ids = page.items.map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const searches = await auditor("/01/").conference.audit.search.query({ entity: "AuditSearch", kind: "read" });
    expect(searches.items[0]).toMatchObject({ actor: "auditor-/01/", kind: "read", orgPath: "/01/", after: { filters: { limit: 100 } } });
  });

  it("answers a sibling's subtree with an empty page and writes nothing; narrows a wider one", async () => {
    const before = await h.db.prisma.auditRecord.count();
    expect(await auditor("/01/").conference.audit.search.query({ orgPath: "/02/" })).toEqual({ items: [], nextCursor: null });
    expect(await h.db.prisma.auditRecord.count()).toBe(before);
    const wide = await auditor("/01/").conference.audit.search.query({ orgPath: "/", action: "conference.conferences.create" });
    expect(wide.items).toHaveLength(3);
    const below = await auditor("/01/").conference.audit.search.query({ orgPath: "/01/01-001/", action: "conference.conferences.create" });
    expect(below.items.map((r) => r.orgPath)).toEqual(["/01/01-001/"]);
    const other = await auditor("/02/").conference.audit.search.query({ action: "conference.conferences.create" });
    expect(other.items).toHaveLength(2);
  });

  it("pages with a cursor", async () => {
    const a = auditor("/01/").conference.audit.search;
    const all = await a.query({ limit: 200, kind: "change" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof a.query>> = await a.query({ limit: 1, kind: "change", cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.id));
  });

  it("leaves a chain verify accepts", async () => {
    const r = await verifyAuditChain(h.db.prisma);
    expect(r).toMatchObject({ ok: true, fault: null });
    expect(r.records).toBeGreaterThanOrEqual(5);
  });
});
