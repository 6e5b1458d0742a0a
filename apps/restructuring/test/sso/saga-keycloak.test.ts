// The whole saga against the identity provider production runs (issue #14, docs/restructuring.md "Identity"):
// one real province merge (Hà Giang + Tuyên Quang → Tuyên Quang, the real 2024 units) through restructuring's
// runs.start / runs.resume, restructuring a real process (dist/main.js) configured as the cluster configures it:
// OIDC_ISSUER the realm, its service token by client credentials of its realm client, IDENTITY_UNIT_MOVES=keycloak
// (the admin API, with that same token). Membership, inspection, personnel and conference (in this process)
// trust only the realm's issuer. With KEYCLOAK_URL (the `test:sso` stage of .ci/run, infra/keycloak/run-keycloak.sh)
// that realm is a real Keycloak 26, and the VNeID simulator runs on the port the realm was imported with
// (IDENTITY_VNEID_URL, default :8190); without it, the built-in provider with IDENTITY_UNIT_MOVES=builtin, so the
// test never passes without running (the title says which).
//
// Four officials provisioned before the run (Hà Giang's board, a moved cell's, a merged commune's, an abolished
// district's) sign in through VNeID and read membership on their paths; after the run a real refresh of that
// same session names the new path, and the same reads work there (the district's: no organization, nothing),
// while the token from before the run reads nothing (default deny). runs.verify is ok, the province done; it
// counts the officials in the provider (identity's census: Keycloak's admin API, or the built-in endpoint): none
// on a closed path, the district's awaiting reassignment; the board put back on /02/ makes it fail.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { discoverRealm, loginThroughVneid, officialSession, serviceSession, type RealmEndpoints, type TokenSet } from "@orgboard/auth/official-session";
import { createConferenceService, openDatabase as openConferenceDatabase } from "@orgboard/conference";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { startIdentity } from "@orgboard/identity";
import { builtInUnitMover, unitMovesUrlOf } from "@orgboard/identity-moves";
import { createInspectionService, membershipDirectory, openDatabase as openInspectionDatabase } from "@orgboard/inspection";
import { createPersonnelService, openDatabase as openPersonnelDatabase, serviceConsultations } from "@orgboard/personnel";
import { freePort } from "@orgboard/testkit";
import { createTRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePlan, officialPlan2025 } from "../../src/domain/index.js";
import type { AppRouter } from "../../src/router/index.js";
import { keycloakAdmin } from "../integration/keycloak-admin.js";
import { app, appDatabase, type App } from "../processes/apps.js";
import { claimsOf, membersSeenWith, recordsUnder, refreshed, restructuringEnv, seededMembership, silent, startRealm, up, verifierFor, type Cleanups, type SeededMembership } from "../processes/wired-services.js";

const KEYCLOAK_URL = process.env["KEYCLOAK_URL"]?.replace(/\/$/, "");
const MODE = KEYCLOAK_URL ? "keycloak" : "builtin";

/** The officials the test provisions (VNeID citizens of the simulator kept for this test: apps/identity citizens.ts). */
const OFFICIALS = {
  board: { username: "saga.hg.bantochuc", nationalId: "002176003101", lastName: "Lục", firstName: "Văn Thành" },
  cell: { username: "saga.hg.chibo", nationalId: "002184003102", lastName: "Vàng", firstName: "Thị Mỷ" },
  commune: { username: "saga.hg.xa", nationalId: "002181003103", lastName: "Giàng", firstName: "Seo Phử" },
  district: { username: "saga.hg.huyen", nationalId: "002179003104", lastName: "Nông", firstName: "Thị Hạnh" },
} as const;
type Who = keyof typeof OFFICIALS;
const WHO = Object.keys(OFFICIALS) as Who[];
/** Makes the records the rekeys move (inspection, personnel and conference, the whole country). */
const RECORDS = { username: "saga.hoso", nationalId: "001186003105", lastName: "Đặng", firstName: "Quốc Huy", roles: ["inspection_committee", "personnel_officer", "conference_operator"] };
const CENTRAL_BOARD_ID = "001068004521"; // tw.bantochuc, the shipped realm's central board

const cleanups: Cleanups = [];
let dir = "";
let membership: SeededMembership;
let restructuring: App;
let endpoints: RealmEndpoints;
let central: () => Promise<string>;
const urls = { inspection: "", personnel: "", conference: "" };
/** Each official's organization path before the run. */
const before = {} as Record<Who, string>;
const codes = { cell: "", commune: "", district: "" };
/** Each official's session, signed in before the run (refreshed after it), and its first access token. */
const sessions = {} as Record<Who, TokenSet>;
const preRun = {} as Record<Who, string>;
/** How many members each official read before the run. */
const seenBefore = {} as Record<Who, number>;
let planId = "";

const api = () => createTRPCClient<AppRouter>({ links: [createServiceLinks<AppRouter>({ restructuring: `${restructuring.url}/trpc` }, central)] }).restructuring;
const membersSeen = (token: string) => membersSeenWith(membership.url, token);
const pathOf = async (code: string) => (await membership.sql<{ path: string }>(`SELECT path FROM party_organization WHERE code = $1`, [code]))[0]!.path;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-saga-sso-"));
  const builtinPort = KEYCLOAK_URL ? 0 : await freePort();
  const realmUrl = KEYCLOAK_URL ? `${KEYCLOAK_URL}/realms/orgboard` : `http://127.0.0.1:${builtinPort}/realms/orgboard`;
  // Membership first (its verifier fetches the realm's keys on first use), seeded with Hà Giang and Tuyên Quang.
  membership = await seededMembership(cleanups, realmUrl);

  // The officials' organizations: Hà Giang's first grassroots cell (it moves), a Hà Giang commune merged whole with
  // others into a new commune (its committee closes into the new one), a district committee (the level ends).
  codes.cell = membership.cell.code;
  const compiled = compilePlan(officialPlan2025());
  const communes = await membership.sql<{ code: string }>(`SELECT code FROM party_organization WHERE kind = 'grassroots_committee' AND path LIKE '/02/%' ORDER BY code`);
  codes.commune = communes.find(({ code }) => {
    const targets = compiled.commune.get(code) ?? [];
    return targets.length === 1 && targets[0]!.coverage === "full" && (compiled.sourcesOf.get(targets[0]!.code)?.length ?? 0) > 1;
  })!.code;
  codes.district = (await membership.sql<{ code: string }>(`SELECT code FROM party_organization WHERE kind = 'upper_grassroots_committee' AND path LIKE '/02/%' ORDER BY code LIMIT 1`))[0]!.code;
  Object.assign(before, { board: "/02/", cell: membership.cell.path, commune: await pathOf(codes.commune), district: await pathOf(codes.district) });

  const provisioned = [
    ...WHO.map((w) => ({ ...OFFICIALS[w], roles: ["provincial_board"], orgPaths: [before[w]] })),
    { ...RECORDS, orgPaths: ["/"] },
  ];
  if (KEYCLOAK_URL) {
    // The realm's own officials, made through the bootstrap administrator (fixtures only), linked to their VNeID citizens.
    const admin = keycloakAdmin(KEYCLOAK_URL);
    const usernames = provisioned.map((o) => o.username);
    await admin.remove(usernames); // a run stopped half-way may have left them
    cleanups.push(() => admin.remove(usernames));
    // Nobody else on the two provinces' paths (another test's leftovers would be moved too, and counted).
    const others = ((await admin.call("/users?briefRepresentation=false&max=1000")) as { username: string; attributes?: Record<string, string[]> }[]).filter((u) => (u.attributes?.["org_paths"] ?? []).some((p) => /^\/0[28](-2025)?\//.test(p)));
    expect(others.map((u) => u.username), "Keycloak users on Hà Giang's or Tuyên Quang's paths left by another test: remove them").toEqual([]);
    for (const o of provisioned) {
      await admin.create({ username: o.username, firstName: o.firstName, lastName: o.lastName, roles: o.roles, vneid: o.nationalId, attributes: { full_name: [`${o.lastName} ${o.firstName}`], national_id: [o.nationalId], org_paths: o.orgPaths } });
    }
    // The VNeID simulator Keycloak brokers to.
    const vneid = new URL(process.env["IDENTITY_VNEID_URL"] ?? "http://127.0.0.1:8190/vneid");
    const simulator = await startIdentity({ port: Number(vneid.port), keycloakUrls: [KEYCLOAK_URL] });
    cleanups.push(() => simulator.close());
    endpoints = await discoverRealm(KEYCLOAK_URL);
  } else {
    const realm = await startRealm(
      cleanups,
      dir,
      builtinPort,
      provisioned.map((o, i) => ({
        id: `6f1b2c10-0201-4c1e-9a01-0000000005${String(i).padStart(2, "0")}`,
        username: o.username,
        enabled: true,
        firstName: o.firstName,
        lastName: o.lastName,
        attributes: { full_name: [`${o.lastName} ${o.firstName}`], national_id: [o.nationalId], org_paths: o.orgPaths },
        realmRoles: o.roles,
        federatedIdentities: [{ identityProvider: "vneid", userId: o.nationalId, userName: o.nationalId }],
        requiredActions: [],
        credentials: [],
      })),
    );
    endpoints = realm.endpoints;
  }
  expect(endpoints.issuer).toBe(realmUrl);
  central = officialSession(endpoints, CENTRAL_BOARD_ID);

  // Inspection, personnel and conference trust the realm alone; their service tokens are its client credentials.
  const verifier = verifierFor(realmUrl);
  const insp = await freshServiceDatabase("inspection", openInspectionDatabase);
  urls.inspection = await up(cleanups, createInspectionService({ db: insp.db, verifier: verifier("inspection"), subjects: membershipDirectory({ baseUrl: membership.url, token: serviceSession(endpoints.token, "inspection", "dev-inspection-secret") }), logger: silent("inspection"), rateLimits: false }), insp.drop);
  const pers = await freshServiceDatabase("personnel", openPersonnelDatabase);
  urls.personnel = await up(
    cleanups,
    createPersonnelService({ db: pers.db, verifier: verifier("personnel"), consult: serviceConsultations({ membershipUrl: membership.url, inspectionUrl: urls.inspection, token: serviceSession(endpoints.token, "personnel", "dev-personnel-secret") }), logger: silent("personnel"), rateLimits: false }),
    pers.drop,
  );
  const conf = await freshServiceDatabase("conference", openConferenceDatabase);
  urls.conference = await up(cleanups, createConferenceService({ db: conf.db, verifier: verifier("conference"), sweepIntervalMs: 0, logger: silent("conference"), rateLimits: false }), conf.drop);

  // Restructuring as main.ts wires it from this environment: every service's URL, identity's moves by the provider's kind.
  const db = await appDatabase("restructuring", dir);
  cleanups.push(() => db.drop());
  restructuring = await app("restructuring", "apps/restructuring/dist/main.js", { ...restructuringEnv(db.env, realmUrl, { membership: membership.url, ...urls }, dir), IDENTITY_UNIT_MOVES: MODE });
  cleanups.push(() => restructuring.stop());
  await restructuring.start();
}, 300_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error(e));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`one province merge, every service trusting ${KEYCLOAK_URL ? `Keycloak at ${KEYCLOAK_URL} (IDENTITY_UNIT_MOVES=keycloak)` : "the built-in provider (IDENTITY_UNIT_MOVES=builtin; set KEYCLOAK_URL for Keycloak)"}`, () => {
  it("before the run: each official signs in through VNeID, the token names their organization, and they read its members", async () => {
    const started = Date.now();
    for (const w of WHO) {
      sessions[w] = await loginThroughVneid(endpoints, OFFICIALS[w].nationalId);
      preRun[w] = sessions[w].accessToken;
      expect(claimsOf(preRun[w]).org_paths, w).toEqual([before[w]]);
      const seen = await membersSeen(preRun[w]);
      expect(seen.length, w).toBeGreaterThan(0);
      expect(seen.every((m) => m.orgPath.startsWith(before[w])), w).toBe(true);
      seenBefore[w] = seen.length;
    }
    // A watch-list entry, a cadre and a conference under the cell: the rekeys have something to move.
    const records = officialSession(endpoints, RECORDS.nationalId);
    await recordsUnder(before.cell, urls, () => records);
    console.log(`[${MODE}] sign-ins and records before the run: ${Date.now() - started} ms`);
  });

  it("runs.start and runs.resume: every step done, identity's move by the configured provider", async () => {
    const started = Date.now();
    planId = (await api().plans.loadOfficial.mutate({})).id;
    await api().runs.start.mutate({ planId, provinceCodes: ["08"] });
    const view = await api().runs.resume.mutate({ planId });
    console.log(`[${MODE}] runs.start + runs.resume (one province, every service wired): ${Date.now() - started} ms`);
    const p = view.provinces[0]!;
    expect([view.status, p.status, p.error]).toEqual(["done", "done", null]);
    expect(view.notWired).toEqual([]);
    expect(p.steps.map((s) => [s.step, s.status])).toEqual(
      ["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs", "inspection.rekey", "personnel.rekey", "conference.rekey", "identity.unitMoves", "verify", "membership.unmark"].map((s) => [s, "done"]),
    );
    for (const s of ["inspection.rekey", "personnel.rekey", "conference.rekey"]) expect(Object.values(p.steps.find((x) => x.step === s)!.records!).reduce((a, b) => a + b, 0), s).toBeGreaterThan(0);
    // The four officials, nobody else: the central board and the records' official stay on "/".
    expect(p.steps.find((s) => s.step === "identity.unitMoves")!.records).toEqual({ users: 4 });
    for (const nationalId of [CENTRAL_BOARD_ID, RECORDS.nationalId]) expect(claimsOf((await loginThroughVneid(endpoints, nationalId)).accessToken).org_paths, nationalId).toEqual(["/"]);
  });

  it("after the run: a refresh of each session names the new path alone, and the same reads work there; the token from before reads nothing", async () => {
    const after: Record<Who, string> = {
      board: "/08-2025/",
      cell: await pathOf(codes.cell),
      // The merged commune's committee closed; its cells are under the new commune's committee.
      commune: (await pathOf(`${codes.commune}-01`)).replace(/[^/]+\/$/, ""),
      // The abolished level: its path follows the province prefix to one that names no organization.
      district: `/08-2025/${codes.district}/`,
    };
    expect(await membership.sql(`SELECT code FROM party_organization WHERE path = $1 AND closed_on IS NULL`, [after.board])).toHaveLength(1);
    expect(after.cell.startsWith("/08-2025/")).toBe(true);
    expect(after.cell).not.toBe(before.cell);
    expect((await membership.sql<{ closed: boolean }>(`SELECT closed_on IS NOT NULL AS closed FROM party_organization WHERE code = $1`, [codes.commune]))[0]!.closed).toBe(true);
    expect(after.commune).toMatch(/^\/08-2025\/[^/]+\/$/);
    expect(await membership.sql(`SELECT code FROM party_organization WHERE path = $1`, [after.district])).toEqual([]);
    for (const w of WHO) {
      sessions[w] = await refreshed(endpoints, sessions[w]);
      expect(claimsOf(sessions[w].accessToken).org_paths, w).toEqual([after[w]]);
      const seen = await membersSeen(sessions[w].accessToken);
      if (w === "district") expect(seen, w).toEqual([]);
      else {
        expect(seen.length, w).toBeGreaterThan(0);
        expect(seen.every((m) => m.orgPath.startsWith(after[w])), w).toBe(true);
      }
      // The token from before the run still names the old path: nothing is there now (or, expired, refused: nothing either).
      const stale = await membersSeen(preRun[w]).catch((e: unknown) => {
        if ((e as { data?: { code?: string } }).data?.code === "UNAUTHORIZED") return [];
        throw e;
      });
      expect(stale, w).toEqual([]);
    }
    // The cell's official reads the same members as before the run, on the new path.
    expect((await membersSeen(sessions.cell.accessToken)).length).toBe(seenBefore.cell);
  });

  it("runs.verify is ok with every service counted, and the province's run is done", async () => {
    const v = await api().runs.verify.query({ planId });
    expect([v.ok, v.problems, v.notChecked]).toEqual([true, [], []]);
    expect(v.services.map((s) => [s.service, s.after === s.before && s.before >= 1, s.left])).toEqual([
      ["inspection", true, 0],
      ["personnel", true, 0],
      ["conference", true, 0],
    ]);
    // The officials, counted in the provider: nobody left on a closed path; the abolished district's awaiting reassignment.
    expect(v.identity).toEqual({ onClosed: 0, awaitingReassignment: 1, ok: true });
    const run = await api().runs.get.query({ planId });
    expect([run.status, run.provinces.map((p) => [p.provinceCode, p.status])]).toEqual(["done", [["08", "done"]]]);
    const verifyStep = run.provinces[0]!.steps.find((x) => x.step === "verify")!;
    expect([verifyStep.records!["identity.onClosed"], verifyStep.records!["identity.awaitingReassignment"]]).toEqual([0, 1]);
    expect(await membership.sql(`SELECT count(*)::int AS n FROM member WHERE org_path LIKE '/08-2025/%'`)).toEqual([{ n: membership.members }]);
  });

  it("Hà Giang's board put back on /02/ in the provider: runs.verify is not ok and names the count, not the name", async () => {
    const started = Date.now();
    // Keycloak: the user's attribute written through the bootstrap administrator (as a stray admin edit would);
    // the built-in provider: through its moves endpoint (everyone under /08-2025/ onto /02/), undone after.
    let putBack: () => Promise<void>;
    let expected: number;
    if (KEYCLOAK_URL) {
      const admin = keycloakAdmin(KEYCLOAK_URL);
      const { id } = (await admin.find(OFFICIALS.board.username))!;
      const set = async (paths: string[]) => {
        const rep = (await admin.call(`/users/${id}`)) as { attributes?: Record<string, string[]> };
        await admin.call(`/users/${id}`, "PUT", { ...rep, attributes: { ...rep.attributes, org_paths: paths } });
      };
      await set(["/02/"]);
      putBack = () => set(["/08-2025/"]);
      expected = 1;
    } else {
      const mover = builtInUnitMover({ movesUrl: unitMovesUrlOf(endpoints.issuer), getToken: serviceSession(endpoints.token, "restructuring", "dev-restructuring-secret") });
      await mover.moveUnitAttributes({ idempotencyKey: "stray-put-back", effectiveOn: "2025-07-01", moves: [{ fromPath: "/08-2025/", toPath: "/02/" }] });
      putBack = async () => void (await mover.restoreUnitAttributes({ idempotencyKey: "stray-put-back:undo", undoOf: "stray-put-back" }));
      // The board, the cell's and the commune's; the district's lands on its own abolished path (awaiting still).
      expected = 3;
    }
    try {
      const v = await api().runs.verify.query({ planId });
      expect([v.ok, v.identity]).toEqual([false, { onClosed: expected, awaitingReassignment: 1, ok: false }]);
      expect(v.problems).toEqual([`tỉnh 08, identity: ${expected} cán bộ (tài khoản đăng nhập) còn ở tổ chức đã giải thể / province 08, identity: ${expected} officials (sign-in accounts) left under closed organizations`]);
      expect(JSON.stringify(v)).not.toContain("saga.hg.");
    } finally {
      await putBack();
    }
    expect((await api().runs.verify.query({ planId })).identity).toEqual({ onClosed: 0, awaitingReassignment: 1, ok: true });
    console.log(`[${MODE}] an official put back on /02/, verified, put back: ${Date.now() - started} ms`);
  });
});
