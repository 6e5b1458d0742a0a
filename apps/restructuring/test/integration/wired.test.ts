// The saga with every service it rekeys, over real HTTP (issue #14, docs/restructuring.md "Rekey"):
// membership, inspection, personnel and conference in this process on fresh databases, restructuring calling
// their `restructuring.rekey` with its service token (rekeys.ts, the clients main.ts builds). One province
// merge (Hà Giang + Tuyên Quang → Tuyên Quang): a record made beforehand in each service under a Hà Giang
// cell is found afterwards under that cell's new path in the merged province; a repeated call answers the
// stored result (replayed) and doubles nothing. Identity: the built-in provider in this process, its
// unit-moves endpoint called last with restructuring's client-credentials token from that provider (the
// services here trust the test issuer, so their token comes from it): a board official of the Hà Giang cell
// carries the cell's new path afterwards, the Hà Giang and Tuyên Quang boards the merged province's, a merged
// commune's board its new commune's. Verify (the step and runs.verify) counts each service's records
// (conservation reads): before = after under the new province, nothing under a closed path; a record put
// back under a closed path makes both fail. And the officials (identity's census, 1.11): none left on a closed
// path, the abolished district's board awaiting reassignment; a board put back on /02/ makes both fail.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier } from "@orgboard/auth";
import { createConferenceService, openDatabase as openConferenceDatabase } from "@orgboard/conference";
import type { ConferenceContract } from "@orgboard/contract-conference";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks, type ContractRouter } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createInspectionService, membershipDirectory, openDatabase as openInspectionDatabase } from "@orgboard/inspection";
import { defaultRealmFile, startIdentity } from "@orgboard/identity";
import { builtInUnitMover } from "@orgboard/identity-moves";
import { createPersonnelService, openDatabase as openPersonnelDatabase, serviceConsultations } from "@orgboard/personnel";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityStep, rekeyClient, unitMovesUrlOf, wiredConservation, wiredSteps } from "../../src/app/rekeys.js";
import { membershipSteps, type PathMove, type StepAnswer } from "../../src/app/steps.js";
import { compilePlan, deriveOrgChanges, officialPlan2025, provinceWork, type OrgChange } from "../../src/domain/index.js";
import { CENTRAL, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";

const silent = (name: string) => createLogger({ name, level: "silent" });
const cleanups: (() => Promise<void>)[] = [];
let m: MembershipSide;
let r: RestructuringSide;
let planId: string;
let unitMoves: { url: string; getToken: () => Promise<string> };
const urls = { inspection: "", personnel: "", conference: "" };
const sql: Record<"inspection" | "personnel" | "conference", <T>(q: string, ...v: unknown[]) => Promise<T[]>> = {} as never;
const restructuringToken = () => m.issuer.mintService("restructuring", { audience: ["restructuring", "membership", "inspection", "personnel", "conference"] });

async function up(name: string, service: Service, drop: () => Promise<void>) {
  const { url } = await service.start({ handleSignals: false });
  cleanups.push(async () => {
    await service.stop();
    await drop();
  });
  return url;
}

let cellCode = "";
let oldPath = "";
let identityDir = "";
// A Hà Giang or Tuyên Quang commune committee that closes into a new commune (its cells move there): its official follows.
let communeCode = "";
let communeOldPath = "";
let communeSuccessorCode = "";
// A Hà Giang district committee the run abolishes (closed into the province's committee): its board gets no move.
let districtPath = "";

beforeAll(async () => {
  m = await startMembership(["02", "08"]);
  // A grassroots cell of Hà Giang the run reparents (its path changes), as the domain derives it.
  const tree = await m.link.tree.load();
  const compiled = compilePlan(officialPlan2025());
  const [work] = provinceWork(compiled, tree, deriveOrgChanges(compiled, tree));
  const moved = work!.changes.filter((c) => c.kind === "reparent").map((c) => c.code);
  const [cell] = await m.q<{ code: string; path: string }>(`SELECT code, path FROM party_organization WHERE kind = 'grassroots_cell' AND path LIKE '/02/%' AND code = ANY($1) ORDER BY code LIMIT 1`, [moved]);
  ({ code: cellCode, path: oldPath } = cell!);
  const closed = work!.changes.find(
    (c): c is Extract<OrgChange, { kind: "close" }> =>
      c.kind === "close" && c.successorCode !== null && c.successorCode !== work!.orgCode && work!.changes.some((x) => x.kind === "reparent" && x.fromParentCode === c.code),
  )!;
  communeCode = closed.code;
  communeSuccessorCode = closed.successorCode!;
  [{ path: communeOldPath }] = (await m.q<{ path: string }>(`SELECT path FROM party_organization WHERE code = $1`, [communeCode])) as [{ path: string }];
  const abolished = work!.changes.filter((c) => c.kind === "close" && c.successorCode === work!.orgCode).map((c) => c.code);
  [{ path: districtPath }] = (await m.q<{ path: string }>(`SELECT path FROM party_organization WHERE code = ANY($1) AND path LIKE '/02/_%' ORDER BY code LIMIT 1`, [abolished])) as [{ path: string }];
  // The shipped realm plus the cell's secretary (an official whose org_paths name the cell), the two old
  // provinces' boards and the closing commune's committee.
  identityDir = mkdtempSync(join(tmpdir(), "restructuring-identity-"));
  const realm = JSON.parse(readFileSync(defaultRealmFile, "utf8")) as { users: Record<string, unknown>[] };
  const official = (id: string, username: string, path: string) => ({ id, username, enabled: true, firstName: "Văn", lastName: "Bùi", attributes: { full_name: ["Bùi Văn"], org_paths: [path] }, realmRoles: ["provincial_board"], requiredActions: [], credentials: [] });
  realm.users.push(official("6f1b2c10-0201-4c1e-9a01-00000000c002", "hg.bantochuc", "/02/"), official("6f1b2c10-0801-4c1e-9a01-00000000c003", "tq.bantochuc", "/08/"), official("6f1b2c10-0201-4c1e-9a01-00000000c004", "hg.xa", communeOldPath), official("6f1b2c10-0201-4c1e-9a01-00000000c005", "hg.huyen", districtPath));
  realm.users.push({ id: "6f1b2c10-0201-4c1e-9a01-00000000c001", username: "hg.chibo", enabled: true, firstName: "Văn Tùng", lastName: "Bùi", attributes: { full_name: ["Bùi Văn Tùng"], org_paths: [oldPath] }, realmRoles: ["provincial_board"], requiredActions: [], credentials: [] });
  writeFileSync(join(identityDir, "realm.json"), JSON.stringify(realm));
  const identity = await startIdentity({ port: 0, realmFile: join(identityDir, "realm.json"), dataDir: join(identityDir, "data") });
  cleanups.push(async () => {
    await identity.close();
    rmSync(identityDir, { recursive: true, force: true });
  });
  const identityToken = async () => {
    const res = await fetch(`${identity.realmUrl}/protocol/openid-connect/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: "restructuring", client_secret: "dev-restructuring-secret" }) });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  unitMoves = { url: unitMovesUrlOf(identity.realmUrl), getToken: identityToken };
  const verifier = (aud: string) => createTokenVerifier(m.issuer.verifierOptions(aud));
  const insp = await freshServiceDatabase("inspection", openInspectionDatabase);
  sql.inspection = (q, ...v) => insp.db.prisma.$queryRawUnsafe(q, ...v);
  urls.inspection = await up("inspection", createInspectionService({ db: insp.db, verifier: verifier("inspection"), subjects: membershipDirectory({ baseUrl: m.url, token: () => m.issuer.mintService("inspection", { audience: "membership" }) }), logger: silent("inspection"), rateLimits: false }), insp.drop);
  const pers = await freshServiceDatabase("personnel", openPersonnelDatabase);
  sql.personnel = (q, ...v) => pers.db.prisma.$queryRawUnsafe(q, ...v);
  const personnelToken = () => m.issuer.mintService("personnel", { audience: ["membership", "inspection"] });
  urls.personnel = await up("personnel", createPersonnelService({ db: pers.db, verifier: verifier("personnel"), consult: serviceConsultations({ membershipUrl: m.url, inspectionUrl: urls.inspection, token: personnelToken }), logger: silent("personnel"), rateLimits: false }), pers.drop);
  const conf = await freshServiceDatabase("conference", openConferenceDatabase);
  sql.conference = (q, ...v) => conf.db.prisma.$queryRawUnsafe(q, ...v);
  urls.conference = await up("conference", createConferenceService({ db: conf.db, verifier: verifier("conference"), sweepIntervalMs: 0, logger: silent("conference"), rateLimits: false }), conf.drop);
  // A clock running from 20/06/2025, before the plan's effective date (01/07/2025): the last case rolls the run back.
  const t0 = Date.now();
  r = await startInProcess(m, { now: () => new Date(Date.parse("2025-06-20T03:00:00Z") + Date.now() - t0), rekeys: [...wiredSteps({ urls, unitMovesUrl: null, getToken: restructuringToken }), identityStep({ unitMovesUrl: unitMoves.url, getToken: unitMoves.getToken })], conservation: wiredConservation({ urls, getToken: restructuringToken }), identity: builtInUnitMover({ movesUrl: unitMoves.url, getToken: unitMoves.getToken }) });
  planId = (await r.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
}, 300_000);
afterAll(async () => {
  await r?.close();
  for (const c of cleanups.reverse()) await c();
  await m?.close();
});

const ids0 = { inspection: "", personnel: "", conference: "" };

describe("one province merge with inspection, personnel, conference and identity wired", () => {
  const ids = ids0;

  it("records made under a Hà Giang cell before the run", async () => {
    await r.client(CENTRAL).restructuring.runs.start.mutate({ planId });
    expect(oldPath).toMatch(/^\/02\//);

    const inspection = createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: `${urls.inspection}/trpc` }, () => m.issuer.mint({ audience: "inspection", sub: "ubkt-1", roles: ["inspection_committee"], orgPaths: ["/"] }))] });
    ids.inspection = (await inspection.inspection.watchList.add.mutate({ link: { kind: "free_text", orgPath: oldPath }, title: "Theo dõi chi bộ", addedOn: "2025-06-01" })).id;
    const personnel = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: `${urls.personnel}/trpc` }, () => m.issuer.mint({ audience: "personnel", sub: "tc-1", roles: ["personnel_officer"], orgPaths: ["/"] }))] });
    ids.personnel = (await personnel.personnel.cadres.create.mutate({ orgPath: oldPath, memberId: null, nationalId: "002075000101", fullName: "Hoàng Văn Khánh", birthDate: "1975-01-01", gender: "male" })).id;
    type ConferenceRouter = ContractRouter<ConferenceContract>;
    const conference = createTRPCClient<ConferenceRouter>({ links: [createServiceLinks<ConferenceRouter>({ conference: `${urls.conference}/trpc` }, () => m.issuer.mint({ audience: "conference", sub: "btc-1", roles: ["conference_operator"], orgPaths: ["/"] }))] });
    ids.conference = (
      await conference.conference.create.mutate({
        title: "Hội nghị chi bộ trước sáp nhập",
        orgPath: oldPath,
        organizerName: "Đảng ủy xã",
        chairName: "Mai Văn Chính",
        chairTitle: "Bí thư chi bộ",
        mode: "online",
        scheduledStart: "2025-06-20T14:00:00+07:00",
        scheduledEnd: "2025-06-20T17:00:00+07:00",
        agenda: [{ title: "Khai mạc", kind: "opening", plannedMinutes: 5 }],
        sites: [{ code: "S1", name: "Điểm cầu chi bộ", orgPath: oldPath, chairName: "Trần Văn Bình", expectedAttendance: 10 }],
      })
    ).id;
  });

  it("resume runs the services' rekeys after membership's moves; each record is under the cell's new path", async () => {
    const view = await r.client(CENTRAL).restructuring.runs.resume.mutate({ planId });
    const p = view.provinces[0]!;
    expect([view.status, p.error]).toEqual(["done", null]);
    expect(p.steps.map((s) => [s.step, s.status])).toEqual(
      ["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs", "inspection.rekey", "personnel.rekey", "conference.rekey", "identity.unitMoves", "verify", "membership.unmark"].map((s) => [s, "done"]),
    );
    expect(p.stepsTotal).toBe(10);
    expect(view.notWired).toEqual([]);
    expect((await r.client(CENTRAL).restructuring.runs.get.query({ planId })).notWired).toEqual([]);
    for (const s of ["inspection.rekey", "personnel.rekey", "conference.rekey"]) expect(Object.values(p.steps.find((x) => x.step === s)!.records!).reduce((a, b) => a + b, 0), s).toBeGreaterThan(0);

    const [cell] = await m.q<{ path: string }>(`SELECT path FROM party_organization WHERE code = $1`, [cellCode]);
    const newPath = cell!.path;
    expect(newPath).not.toBe(oldPath);
    expect(newPath.startsWith("/08-2025/")).toBe(true);
    expect(await sql.inspection(`SELECT org_path FROM watch_entry WHERE id = $1`, ids.inspection)).toEqual([{ org_path: newPath }]);
    expect(await sql.personnel(`SELECT org_path FROM cadre WHERE id = $1`, ids.personnel)).toEqual([{ org_path: newPath }]);
    expect(await sql.conference(`SELECT org_path FROM conference WHERE id = $1`, ids.conference)).toEqual([{ org_path: newPath }]);
    for (const svc of ["inspection", "personnel", "conference"] as const) {
      expect(await sql[svc]<{ n: number }>(`SELECT count(*)::int AS n FROM rekey_request`), svc).toEqual([{ n: 1 }]);
    }
    // Identity: the cell's official now carries the new path alone (the provider's stored move).
    expect(p.steps.find((s) => s.step === "identity.unitMoves")!.records!["users"]).toBeGreaterThanOrEqual(1);
    const state = JSON.parse(readFileSync(join(identityDir, "data", "unit-moves.json"), "utf8")) as { applied: { users: { username: string; before: string[]; after: string[] }[] }[] };
    expect(state.applied).toHaveLength(1);
    expect(state.applied[0]!.users.find((u) => u.username === "hg.chibo")).toMatchObject({ username: "hg.chibo", before: [oldPath], after: [newPath] });
    // The old provinces' boards both carry the merged province; the closed commune's, its successor.
    const [successor] = await m.q<{ path: string; closed_on: unknown }>(`SELECT path, closed_on FROM party_organization WHERE code = $1`, [communeSuccessorCode]);
    expect(successor!.closed_on).toBeNull();
    const after = Object.fromEntries(state.applied[0]!.users.map((u) => [u.username, u.after]));
    expect(after).toMatchObject({ "hg.bantochuc": ["/08-2025/"], "tq.bantochuc": ["/08-2025/"], "hg.xa": [successor!.path] });
    expect(successor!.path.startsWith("/08-2025/")).toBe(true);
    expect(communeOldPath).toMatch(/^\/0[28]\//);
    expect(communeCode).not.toBe(communeSuccessorCode);
  });

  it("a repeated rekey with a step's key answers the stored result (replayed), nothing doubled", async () => {
    const rows = await r.db.prisma.sagaStep.findMany({ where: { planId, step: { in: ["inspection.rekey", "personnel.rekey", "conference.rekey"] } } });
    const moves = (((await r.db.prisma.sagaStep.findFirstOrThrow({ where: { planId, step: "membership.reparent" } })).result as { moves: { fromPath: string; toPath: string }[] }).moves).map(({ fromPath, toPath }) => ({ fromPath, toPath }));
    for (const row of rows) {
      const service = row.step.split(".")[0] as "inspection" | "personnel" | "conference";
      const before = await sql[service](`SELECT org_path FROM ${service === "inspection" ? "watch_entry" : service === "personnel" ? "cadre" : "conference"} ORDER BY id`);
      const again = await rekeyClient(service, { url: urls[service], getToken: restructuringToken }).rekey({ idempotencyKey: row.idempotencyKey, effectiveOn: "2025-07-01", moves });
      expect(again, service).toEqual({ idempotencyKey: row.idempotencyKey, records: (row.result as { records: Record<string, number> }).records, replayed: true });
      expect(await sql[service](`SELECT org_path FROM ${service === "inspection" ? "watch_entry" : service === "personnel" ? "cadre" : "conference"} ORDER BY id`), service).toEqual(before);
      expect(await sql[service]<{ n: number }>(`SELECT count(*)::int AS n FROM rekey_request`), service).toEqual([{ n: 1 }]);
    }
    // Identity's step, repeated with its key: the stored result, no second move recorded.
    const idRow = await r.db.prisma.sagaStep.findFirstOrThrow({ where: { planId, step: "identity.unitMoves" } });
    // The context as the saga builds it (the province's stored row and changes): the same request again.
    const province = await r.db.prisma.runProvince.findFirstOrThrow({ where: { planId, provinceCode: idRow.provinceCode } });
    const changes = (await r.db.prisma.orgChange.findMany({ where: { planId, provinceCode: idRow.provinceCode }, orderBy: { position: "asc" } })).map((x) => x.payload as unknown as OrgChange);
    const reparented = (((await r.db.prisma.sagaStep.findFirstOrThrow({ where: { planId, step: "membership.reparent" } })).result as unknown as { moves: (PathMove & { code: string })[] }).moves);
    const replay = await identityStep({ unitMovesUrl: unitMoves.url, getToken: unitMoves.getToken }).run({
      idempotencyKey: idRow.idempotencyKey,
      effectiveOn: "2025-07-01",
      orgCode: province.orgCode,
      orgPath: province.orgPath,
      sourceOrgCodes: province.sourceOrgCodes as string[],
      changes,
      resultOf: (s: string) => (s === "membership.reparent" ? { records: {}, replayed: false, moves: reparented } : undefined),
    } as never);
    expect(replay).toEqual({ records: (idRow.result as { records: Record<string, number> }).records, replayed: true });
    expect((JSON.parse(readFileSync(join(identityDir, "data", "unit-moves.json"), "utf8")) as { applied: unknown[] }).applied).toHaveLength(1);
  });
});

describe("verify: every case, cadre and site accounted for", () => {
  it("the province's verify step recorded each service's counts: before = after, nothing left", async () => {
    const step = await r.db.prisma.sagaStep.findFirstOrThrow({ where: { planId, step: "verify" } });
    const answer = step.result as unknown as StepAnswer;
    for (const svc of ["inspection", "personnel", "conference"]) {
      expect(answer.records[`${svc}.before`], svc).toBeGreaterThanOrEqual(1);
      expect(answer.records[`${svc}.after`], svc).toBe(answer.records[`${svc}.before`]);
      expect(answer.records[`${svc}.left`], svc).toBe(0);
    }
    expect(answer.records["personnel.unaccounted"]).toBe(0);
    // Officials: none on a closed path; the abolished district's board, moved with /02/ to a path naming no organization, awaits reassignment.
    expect([answer.records["identity.onClosed"], answer.records["identity.awaitingReassignment"]]).toEqual([0, 1]);
    expect(answer.notChecked).toEqual([]);
    // The counts before were taken at the mark step, before any move.
    const mark = (await r.db.prisma.sagaStep.findFirstOrThrow({ where: { planId, step: "membership.mark" } })).result as unknown as StepAnswer;
    expect(mark.before).toEqual({ inspection: answer.records["inspection.before"], personnel: answer.records["personnel.before"], conference: answer.records["conference.before"] });
  });

  it("runs.verify reports each service's counts for the province and the run, all ok", async () => {
    const v = await r.client(CENTRAL).restructuring.runs.verify.query({ planId });
    expect([v.ok, v.problems, v.notChecked]).toEqual([true, [], []]);
    expect(v.services.map((s) => s.service)).toEqual(["inspection", "personnel", "conference"]);
    for (const s of v.services) {
      expect(s.before, s.service).toBeGreaterThanOrEqual(1);
      expect([s.after, s.left, s.ok], s.service).toEqual([s.before, 0, true]);
    }
    expect(v.services.find((s) => s.service === "personnel")!.unaccounted).toBe(0);
    expect(v.perProvince[0]!.services).toEqual(v.services);
    expect(v.identity).toEqual({ onClosed: 0, awaitingReassignment: 1, ok: true });
    expect(v.perProvince[0]!.identity).toEqual(v.identity);
    expect(districtPath).toMatch(/^\/02\/[^/]+\/$/);
    // Against the services' tables: everything under the merged province's path.
    const [province] = await m.q<{ path: string }>(`SELECT path FROM party_organization WHERE code = $1`, [v.perProvince[0]!.orgCode]);
    const [watch] = await sql.inspection<{ n: number }>(`SELECT count(*)::int AS n FROM watch_entry WHERE org_path LIKE $1 || '%'`, province!.path);
    expect(watch!.n).toBeGreaterThanOrEqual(1);
  });

  it("a case inserted under a closed path afterwards: runs.verify and the verify step fail, naming the service", async () => {
    const [closedHaGiang] = await m.q<{ path: string }>(`SELECT path FROM party_organization WHERE path = '/02/' AND closed_on IS NOT NULL`, []);
    expect(closedHaGiang?.path).toBe("/02/");
    // Inserted directly (as a stray write would be): a copy of the moved watch entry, under the cell's old path.
    await sql.inspection(
      `INSERT INTO watch_entry SELECT (jsonb_populate_record(NULL::watch_entry, to_jsonb(w) || jsonb_build_object('id', gen_random_uuid(), 'org_path', $2::text))).* FROM watch_entry w WHERE id = $1::uuid`,
      ids0.inspection,
      oldPath,
    );
    const v = await r.client(CENTRAL).restructuring.runs.verify.query({ planId });
    expect(v.ok).toBe(false);
    const insp = v.services.find((s) => s.service === "inspection")!;
    expect([insp.left, insp.ok]).toEqual([1, false]);
    expect(v.services.filter((s) => s.service !== "inspection").every((s) => s.ok)).toBe(true);
    expect(v.problems).toEqual(["tỉnh 08, inspection: 1 hồ sơ còn ở tổ chức đã giải thể / province 08, inspection: 1 records left under closed organizations"]);

    // The province's verify step itself, run again on the stored work: it fails the same way.
    const province = await r.db.prisma.runProvince.findFirstOrThrow({ where: { planId } });
    const steps = await r.db.prisma.sagaStep.findMany({ where: { planId, provinceCode: province.provinceCode } });
    const changes = (await r.db.prisma.orgChange.findMany({ where: { planId, provinceCode: province.provinceCode }, orderBy: { position: "asc" } })).map((c) => c.payload as unknown as OrgChange);
    const verify = membershipSteps(m.link.steps, wiredConservation({ urls, getToken: restructuringToken })).after.find((s) => s.name === "verify")!;
    const run = verify.run({
      planId, provinceCode: province.provinceCode, orgCode: province.orgCode, orgPath: province.orgPath, sourceOrgCodes: province.sourceOrgCodes as string[], membersBefore: province.membersBefore,
      idempotencyKey: "verify-again", effectiveOn: "2025-07-01", changes, resultOf: (s) => steps.find((x) => x.step === s)?.result as unknown as StepAnswer | undefined,
    });
    await expect(run).rejects.toThrow(/inspection: 1 hồ sơ còn ở tổ chức đã giải thể/);
    // The stray row goes again, so the rollback below finds only what the run moved.
    await sql.inspection(`DELETE FROM watch_entry WHERE org_path = $1 AND id <> $2::uuid`, oldPath, ids0.inspection);
  });
});

describe("verify: every official accounted for", () => {
  const mover = () => builtInUnitMover({ movesUrl: unitMoves.url, getToken: unitMoves.getToken });
  const STRAY = { idempotencyKey: "stray-put-back", effectiveOn: "2025-07-01", moves: [{ fromPath: "/08-2025/", toPath: "/02/" }] };

  it("officials put back on /02/ (through the provider's moves endpoint): runs.verify and the verify step fail, naming the count, not the names", async () => {
    // Everyone under the merged province back on Hà Giang's closed path: the two boards on /02/ itself, the
    // commune's and the cell's under it; the district's board onto its own abolished path (awaiting, still).
    expect(await mover().moveUnitAttributes(STRAY)).toMatchObject({ users: 5, replayed: false });
    try {
      const v = await r.client(CENTRAL).restructuring.runs.verify.query({ planId });
      expect(v.ok).toBe(false);
      expect(v.identity).toEqual({ onClosed: 4, awaitingReassignment: 1, ok: false });
      expect(v.perProvince[0]!.ok).toBe(false);
      expect(v.services.every((s) => s.ok)).toBe(true);
      expect(v.problems).toEqual(["tỉnh 08, identity: 4 cán bộ (tài khoản đăng nhập) còn ở tổ chức đã giải thể / province 08, identity: 4 officials (sign-in accounts) left under closed organizations"]);
      expect(JSON.stringify(v)).not.toMatch(/hg\.|tq\./);

      // The province's verify step, run again on the stored work with identity's census: it fails the same way.
      const province = await r.db.prisma.runProvince.findFirstOrThrow({ where: { planId } });
      const steps = await r.db.prisma.sagaStep.findMany({ where: { planId, provinceCode: province.provinceCode } });
      const changes = (await r.db.prisma.orgChange.findMany({ where: { planId, provinceCode: province.provinceCode }, orderBy: { position: "asc" } })).map((c) => c.payload as unknown as OrgChange);
      const logged: Record<string, unknown>[] = [];
      const verify = membershipSteps(m.link.steps, [], mover(), (_msg, fields) => logged.push(fields)).after.find((s) => s.name === "verify")!;
      const run = verify.run({
        planId, provinceCode: province.provinceCode, orgCode: province.orgCode, orgPath: province.orgPath, sourceOrgCodes: province.sourceOrgCodes as string[], membersBefore: province.membersBefore,
        idempotencyKey: "verify-again-identity", effectiveOn: "2025-07-01", changes, resultOf: (x) => steps.find((y) => y.step === x)?.result as unknown as StepAnswer | undefined,
      });
      await expect(run).rejects.toThrow(/^bảo toàn không đạt \/ conservation failed: tỉnh 08, identity: 4 cán bộ \(tài khoản đăng nhập\) còn ở tổ chức đã giải thể \/ province 08, identity: 4 officials/);
      await expect(run).rejects.not.toThrow(/hg\.|tq\./);
      // Who: in restructuring's log only (the central operators'), never in the step's error a province reads.
      expect(logged).toEqual([{ provinceCode: "08", onClosed: 4, usernames: ["hg.bantochuc", "hg.chibo", "hg.xa", "tq.bantochuc"] }]);
    } finally {
      // Undone from the provider's record, so the rollback below finds every official where the run left them.
      await mover().restoreUnitAttributes({ idempotencyKey: `${STRAY.idempotencyKey}:undo`, undoOf: STRAY.idempotencyKey });
    }
    expect((await r.client(CENTRAL).restructuring.runs.verify.query({ planId })).identity).toEqual({ onClosed: 0, awaitingReassignment: 1, ok: true });
  });
});

// Rollback before the effective date with every step done (docs/restructuring.md "Execution"): the rekeys and
// identity's move compensated by a restore from its record, each once under its own key (`…:undo`), after
// membership's moves are undone: every record and every official's unit attribute back where they were.
describe("rollback with the rekeys and identity's move done", () => {
  it("puts inspection's, personnel's and conference's records and the official's org_paths back on the old path, each compensation once", async () => {
    const api = r.client(CENTRAL).restructuring;
    const view = await api.runs.rollback.mutate({ planId });
    expect(view.status).toBe("rolled_back");
    const p = view.provinces[0]!;
    expect(p.steps.filter((s) => s.status === "compensated").map((s) => s.step).sort()).toEqual(
      ["conference.rekey", "identity.unitMoves", "inspection.rekey", "membership.closeOrgs", "membership.createOrgs", "membership.mark", "membership.reparent", "personnel.rekey"].sort(),
    );
    const [cell] = await m.q<{ path: string }>(`SELECT path FROM party_organization WHERE code = $1`, [cellCode]);
    expect(cell!.path).toBe(oldPath);
    expect(await sql.inspection(`SELECT org_path FROM watch_entry`)).toEqual([{ org_path: oldPath }]);
    expect(await sql.personnel(`SELECT org_path FROM cadre`)).toEqual([{ org_path: oldPath }]);
    expect(await sql.conference(`SELECT org_path FROM conference`)).toEqual([{ org_path: oldPath }]);
    expect(await sql.conference(`SELECT org_path, top_org_path FROM conference_site`)).toEqual([{ org_path: oldPath, top_org_path: "/02/" }]);
    // Each service: the forward key and its undo, one rewrite and one audit record each.
    const key = (step: string) => `${planId}:08:${step}`;
    for (const svc of ["inspection", "personnel", "conference"] as const) {
      expect(await sql[svc](`SELECT idempotency_key FROM rekey_request ORDER BY created_at, idempotency_key`), svc).toEqual([{ idempotency_key: key(`${svc}.rekey`) }, { idempotency_key: key(`${svc}.rekey:undo`) }]);
      expect(await sql[svc](`SELECT entity_id FROM audit_record WHERE entity = 'ScopeKeys' ORDER BY entity_id`), svc).toEqual([{ entity_id: key(`${svc}.rekey`) }, { entity_id: key(`${svc}.rekey:undo`) }]);
    }
    // Identity: the move and its undo (a restore from the move's record, user by user): every official back where
    // they were — the cell's on its Hà Giang path, the merged commune's on its commune, and the two old provinces'
    // boards, merged onto /08-2025/ by the run, each on its own province again.
    const state = JSON.parse(readFileSync(join(identityDir, "data", "unit-moves.json"), "utf8")) as { orgPaths: Record<string, string[]>; applied: { idempotencyKey: string; undoOf?: string; users: { username: string; before: string[]; after: string[] }[] }[] };
    const applied = state.applied.filter((a) => !a.idempotencyKey.startsWith("stray-put-back"));
    expect(applied.map((a) => [a.idempotencyKey, a.undoOf])).toEqual([[key("identity.unitMoves"), undefined], [key("identity.unitMoves:undo"), key("identity.unitMoves")]]);
    expect(applied[1]!.users.find((u) => u.username === "hg.chibo")).toMatchObject({ after: [oldPath] });
    expect(state.orgPaths).toEqual({
      "6f1b2c10-0201-4c1e-9a01-00000000c001": [oldPath],
      "6f1b2c10-0201-4c1e-9a01-00000000c002": ["/02/"],
      "6f1b2c10-0801-4c1e-9a01-00000000c003": ["/08/"],
      "6f1b2c10-0201-4c1e-9a01-00000000c004": [communeOldPath],
      "6f1b2c10-0201-4c1e-9a01-00000000c005": [districtPath],
    });
    // Membership: each compensation once.
    const undone = await m.q<{ idempotency_key: string }>(`SELECT idempotency_key FROM restructuring_step WHERE idempotency_key LIKE '%:undo' ORDER BY idempotency_key`);
    expect(undone.map((u) => u.idempotency_key)).toEqual(["membership.closeOrgs", "membership.createOrgs", "membership.mark", "membership.reparent"].map((s) => key(`${s}:undo`)));
    // Rolled back once: a second rollback is refused.
    await expect(api.runs.rollback.mutate({ planId })).rejects.toThrow(/rolled_back/);
  });
});
