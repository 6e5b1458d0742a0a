// conference.restructuring.conservation over real HTTP (issue #14 "every member, case and post accounted
// for"; docs/restructuring.md "Verify"): restructuring's service account counts conferences and sites under
// given paths and those left under closed organizations' paths; the counts follow a rekey (before under the
// old path = after under the new one, nothing left); a site's derived top_org_path is not counted as a
// second path; bad input names the field; nobody else may call it.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL_BOARD, ORGANIZER, conferenceInput, failure, provincialBoard, siteOperator, startHarness, type Harness } from "./harness.js";

let h: Harness;
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const count = (input: { paths: string[]; closedPaths?: string[] }, claims: MintOptions = RESTRUCTURING) => h.client(claims).conference.restructuring.conservation.query(input);
const sql = <T>(q: string, ...v: unknown[]) => h.db.prisma.$queryRawUnsafe<T[]>(q, ...v);
const under = async (table: string, prefix: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_path LIKE $1 || '%'`, prefix))[0]!.n;

beforeAll(async () => {
  h = await startHarness();
  await h.client(ORGANIZER).conference.create.mutate(conferenceInput());
  await h.client(ORGANIZER).conference.create.mutate(
    conferenceInput({ orgPath: "/08/", title: "Hội nghị Tỉnh ủy Tuyên Quang", sites: [{ code: "08", name: "Điểm cầu Tỉnh ủy", orgPath: "/08/", chairName: "Lê Thị Kim Dung", expectedAttendance: 40 }] }),
  );
});
afterAll(() => h?.close());

describe("who may count", () => {
  it("only restructuring's service account with scope /", async () => {
    const codes = await Promise.all(
      [ORGANIZER, CENTRAL_BOARD, provincialBoard("/08/"), siteOperator("/08/"), { ...RESTRUCTURING, azp: "realtime" }, { ...RESTRUCTURING, azp: "conference" }, { ...RESTRUCTURING, orgPaths: ["/08/"] }].map(
        async (claims) => (await failure(count({ paths: ["/08/"] }, claims))).code,
      ),
    );
    expect(codes).toEqual(Array(7).fill("FORBIDDEN"));
    expect((await failure(h.client(null).conference.restructuring.conservation.query({ paths: ["/08/"] }))).code).toBe("UNAUTHORIZED");
  });

  it.each(([
    [{ paths: [] }, "paths"],
    [{ paths: ["08"] }, "paths.0"],
    [{ paths: ["/08/"], closedPaths: ["/"] }, "closedPaths.0"],
  ] as [{ paths: string[]; closedPaths?: string[] }, string][]).map(([input, field]) => [field, input] as const))("bad input %# names %s", async (field, input) => {
    const f = await failure(count(input));
    expect([f.code, f.fieldErrors.map((e) => e.path).includes(field)]).toEqual(["BAD_REQUEST", true]);
  });
});

describe("the counts across a rekey", () => {
  it("before = after under the new path, nothing left under the closed one", async () => {
    const sites = await under("conference_site", "/08/");
    const conferences = await under("conference", "/08/");
    expect(sites).toBeGreaterThan(0);
    const before = await count({ paths: ["/08/", "/08-2025/"] });
    expect(before.under.map((u) => [u.path, u.records.conference, u.records.conference_site])).toEqual([
      ["/08/", conferences, sites],
      ["/08-2025/", 0, 0],
    ]);
    // top_org_path is derived from org_path: a site counts once, and only by its own path.
    expect(Object.keys(before.under[0]!.records).sort()).toEqual(["conference", "conference_site"]);
    expect(before.left.total).toBe(0);

    await h.client(RESTRUCTURING).conference.restructuring.rekey.mutate({ idempotencyKey: "plan-1:province-08:conference", effectiveOn: "2025-07-01", moves: [{ fromPath: "/08/", toPath: "/08-2025/" }] });
    const after = await count({ paths: ["/08-2025/"], closedPaths: ["/08/"] });
    expect(after.under[0]!.total).toBe(before.under[0]!.total);
    expect(after.left).toEqual({ total: 0, records: { conference: 0, conference_site: 0 }, paths: [] });

    // A site written under the closed path afterwards is reported as left.
    await sql(`UPDATE conference_site SET org_path = '/08/' WHERE id = (SELECT id FROM conference_site WHERE org_path LIKE '/08-2025/%' LIMIT 1)`);
    const broken = await count({ paths: ["/08-2025/"], closedPaths: ["/08/"] });
    expect(broken.left).toEqual({ total: 1, records: { conference: 0, conference_site: 1 }, paths: [{ path: "/08/", total: 1 }] });
    expect(broken.under[0]!.total).toBe(before.under[0]!.total - 1);
  });
});
