// conference.restructuring.rekey over real HTTP (issue #14, docs/restructuring.md "Rekey"), on the 2025
// merger's own example: Tuyên Quang's committee (/08/) becomes the merged province's (/08-2025/) and one
// of its city's sites goes to a new commune committee. Conferences and sites follow; a site's province
// roll-up key (top_org_path) is recomputed, not prefix-moved; audit and events keep the old paths; a repeat
// replays; bad input names the field; nobody but restructuring's account may call it; afterwards the old
// province's board sees nothing of what moved and the merged province's board sees it.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL_BOARD, ORGANIZER, conferenceInput, failure, provincialBoard, siteOperator, startHarness, type Harness } from "./harness.js";

let h: Harness;
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const MOVES = [
  { fromPath: "/08/", toPath: "/08-2025/" },
  { fromPath: "/08/08-070/", toPath: "/08-2025/08-2025-001/" },
];
const KEY = "plan-1:province-08:conference";
const rekey = (over: Record<string, unknown> = {}) => h.client(RESTRUCTURING).conference.restructuring.rekey.mutate({ idempotencyKey: KEY, effectiveOn: "2025-07-01", moves: MOVES, ...over });
const sql = <T>(q: string, ...v: unknown[]) => h.db.prisma.$queryRawUnsafe<T[]>(q, ...v);
let national = "";
let provincial = "";

beforeAll(async () => {
  h = await startHarness();
  national = (await h.client(ORGANIZER).conference.create.mutate(conferenceInput())).id;
  provincial = (
    await h.client(ORGANIZER).conference.create.mutate(
      conferenceInput({ orgPath: "/08/", title: "Hội nghị Tỉnh ủy Tuyên Quang", sites: [{ code: "08", name: "Điểm cầu Tỉnh ủy", orgPath: "/08/", chairName: "Lê Thị Kim Dung", expectedAttendance: 40 }] }),
    )
  ).id;
});
afterAll(() => h?.close());

describe("who may rekey", () => {
  it("only restructuring's service account with scope /", async () => {
    const codes = await Promise.all(
      [ORGANIZER, CENTRAL_BOARD, provincialBoard("/08/"), siteOperator("/08/"), { ...RESTRUCTURING, azp: "realtime" }, { ...RESTRUCTURING, azp: "conference" }, { ...RESTRUCTURING, orgPaths: ["/08/"] }].map(
        async (claims) => (await failure(h.client(claims).conference.restructuring.rekey.mutate({ idempotencyKey: "x", effectiveOn: "2025-07-01", moves: MOVES }))).code,
      ),
    );
    expect(codes).toEqual(Array(7).fill("FORBIDDEN"));
    expect((await failure(h.client(null).conference.restructuring.rekey.mutate({ idempotencyKey: "x", effectiveOn: "2025-07-01", moves: MOVES }))).code).toBe("UNAUTHORIZED");
    expect(await sql(`SELECT 1 FROM rekey_request`)).toEqual([]);
  });

  it.each(
    ([
      [{ idempotencyKey: "" }, "idempotencyKey"],
      [{ effectiveOn: "2025-06-31" }, "effectiveOn"],
      [{ moves: [{ fromPath: "/08/", toPath: "08-2025" }] }, "moves.0.toPath"],
      [{ moves: [...MOVES, { fromPath: "/08/", toPath: "/09/" }] }, "moves.2.fromPath"],
    ] as [Record<string, unknown>, string][]).map(([over, field]) => [field, over] as const),
  )("bad input %# names %s", async (field, over) => {
    const f = await failure(rekey({ idempotencyKey: "bad", ...over }));
    expect([f.code, f.fieldErrors.map((e) => e.path).includes(field)]).toEqual(["BAD_REQUEST", true]);
  });
});

describe("the rewrite", () => {
  it("moves conferences and sites; the roll-up key follows the new path; other provinces untouched; history kept", async () => {
    const out = await rekey();
    expect(out).toEqual({ idempotencyKey: KEY, replayed: false, records: { conference: 1, conference_site: 3 } });
    const sites = await sql<{ code: string; org_path: string; top_org_path: string }>(`SELECT code, org_path, top_org_path FROM conference_site ORDER BY conference_id, code`);
    const bySite = Object.fromEntries(sites.map((s) => [`${s.code}@${s.org_path}`, s.top_org_path]));
    expect(bySite).toEqual({
      "01@/01/": "/01/",
      "08@/08-2025/": "/08-2025/",
      "08-070@/08-2025/08-2025-001/": "/08-2025/",
      "QDTW@/QDTW/": "/QDTW/",
    });
    expect(await sql(`SELECT org_path FROM conference ORDER BY org_path`)).toEqual([{ org_path: "/" }, { org_path: "/08-2025/" }]);
    expect(await sql(`SELECT 1 FROM conference_site WHERE org_path LIKE '/08/%' OR top_org_path LIKE '/08/%'`)).toEqual([]);
    expect(await sql(`SELECT org_path FROM outbox_event WHERE type = 'conference.created' ORDER BY org_path`)).toEqual([{ org_path: "/" }, { org_path: "/08/" }]);
    expect(await sql(`SELECT action, org_path FROM audit_record WHERE entity = 'ScopeKeys'`)).toEqual([{ action: "conference.restructuring.rekey", org_path: "/" }]);
    expect((await h.client(CENTRAL_BOARD).conference.sites.byProvince.query({ conferenceId: national })).groups.map((g) => g.orgPath)).toEqual(["/01/", "/08-2025/", "/QDTW/"]);
  });

  it("a repeat replays and writes nothing; the same key for other moves is a CONFLICT", async () => {
    const events = (await sql(`SELECT 1 FROM outbox_event`)).length;
    expect(await rekey()).toEqual({ idempotencyKey: KEY, replayed: true, records: { conference: 1, conference_site: 3 } });
    expect((await sql(`SELECT 1 FROM outbox_event`)).length).toBe(events);
    expect((await failure(rekey({ moves: [{ fromPath: "/01/", toPath: "/01-2025/" }] }))).code).toBe("CONFLICT");
  });

  it("Tuyên Quang's old board sees nothing that moved; the merged province's board does", async () => {
    const old = h.client(provincialBoard("/08/")).conference;
    expect((await old.list.query({})).items.map((c) => c.id)).toEqual([]);
    // Answered exactly as to a board of a province that never had it (NOT_FOUND, as for a conference that does not exist).
    const stranger = await failure(h.client(provincialBoard("/05/")).conference.get.query({ conferenceId: provincial }));
    expect(await failure(old.get.query({ conferenceId: provincial }))).toEqual(stranger);
    const merged = h.client(provincialBoard("/08-2025/")).conference;
    // Its own conference, and the national one through its sites now in its subtree.
    expect((await merged.list.query({})).items.map((c) => c.id).sort()).toEqual([national, provincial].sort());
    expect((await merged.sites.list.query({ conferenceId: national, orgPath: "/08-2025/" })).items.map((s) => s.orgPath).sort()).toEqual(["/08-2025/", "/08-2025/08-2025-001/"]);
  });
});
