// Tokens during the move (issue #14, docs/restructuring.md "Identity", "Execution"): while a province's run goes
// on, step by step, nobody sees a record outside their scope. Membership, inspection and personnel in this
// process (real HTTP, fresh databases) with Hà Giang (02), Tuyên Quang (08) and Lai Châu (12, not in the run);
// restructuring runs the merge Hà Giang + Tuyên Quang → Tuyên Quang (/08-2025/) with inspection's and
// personnel's rekeys wired. Three officials, each with the board's, the inspection committee's and the personnel
// officer's roles: Hà Giang's (/02/), the new province's (/08-2025/) and Lai Châu's (/12/).
//
// After every step's callee answered (the saga waits for the check: the callee clients are wrapped to check
// before handing the answer back) and, meanwhile, continuously from a second loop: every member, organization,
// watch-list entry and cadre a list answers lies under the caller's path; a member, a watch-list entry and a
// cadre of a Hà Giang cell are seen by Hà Giang's official exactly while their current path is under /02/, by
// the new province's exactly while it is under /08-2025/, by Lai Châu's never (a get answers NOT_FOUND).
import type { MintOptions } from "@orgboard/auth/testing";
import { createTokenVerifier } from "@orgboard/auth";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createInspectionService, membershipDirectory, openDatabase as openInspectionDatabase } from "@orgboard/inspection";
import { createPersonnelService, openDatabase as openPersonnelDatabase, serviceConsultations } from "@orgboard/personnel";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wiredSteps } from "../../src/app/rekeys.js";
import type { MembershipSteps, SagaStep } from "../../src/app/steps.js";
import { CENTRAL, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";

const silent = (name: string) => createLogger({ name, level: "silent" });
const cleanups: (() => Promise<void>)[] = [];
let m: MembershipSide;
let r: RestructuringSide;
const urls = { inspection: "", personnel: "" };
const sql: Record<"inspection" | "personnel", <T>(q: string, ...v: unknown[]) => Promise<T[]>> = {} as never;

const ROLES = ["provincial_board", "inspection_committee", "personnel_officer"];
const OFFICIALS = [
  { name: "Hà Giang", path: "/02/", sub: "hg-official" },
  { name: "Tuyên Quang 2025", path: "/08-2025/", sub: "tq-official" },
  { name: "Lai Châu", path: "/12/", sub: "lc-official" },
] as const;
type Official = (typeof OFFICIALS)[number];

const claims = (o: Official): MintOptions => ({ sub: o.sub, roles: ROLES, orgPaths: [o.path] });
const membershipOf = (o: Official) => createTRPCClient<MembershipContractRouter>({ links: [createServiceLinks<MembershipContractRouter>({ membership: `${m.url}/trpc` }, () => m.issuer.mint({ audience: "membership", ...claims(o) }))] }).membership;
const inspectionOf = (c: MintOptions) => createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: `${urls.inspection}/trpc` }, () => m.issuer.mint({ audience: "inspection", ...c }))] }).inspection;
const personnelOf = (c: MintOptions) => createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: `${urls.personnel}/trpc` }, () => m.issuer.mint({ audience: "personnel", ...c }))] }).personnel;

/** What leaked, with where it was seen: the test fails if anything is here. */
const leaks: string[] = [];
const checkpoints: string[] = [];
let polls = 0;
/** The Hà Giang records followed by id. */
const tracked = { memberId: 0, watchEntryId: "", cadreId: "" };

async function up(service: Service, drop: () => Promise<void>): Promise<string> {
  const { url } = await service.start({ handleSignals: false });
  cleanups.push(async () => {
    await service.stop();
    await drop();
  });
  return url;
}

/** Every list an official reads: each item under the official's path. */
async function listsInScope(o: Official, label: string): Promise<void> {
  const out = (what: string, path: string) => {
    if (!path.startsWith(o.path)) leaks.push(`${label}: ${o.name} (${o.path}) saw ${what} at ${path}`);
  };
  const mem = membershipOf(o);
  const [members, orgs, watch, cadres] = await Promise.all([
    mem.members.list.query({ limit: 200 }),
    mem.orgs.list.query({ limit: 200, includeClosed: true }),
    inspectionOf(claims(o)).watchList.list.query({ orgPath: o.path }),
    personnelOf(claims(o)).cadres.list.query({ limit: 200 }),
  ]);
  for (const x of members.items) out(`member ${x.id}`, x.orgPath);
  for (const x of orgs.items) out(`organization ${x.code}`, x.path);
  for (const x of watch.items) out(`watch-list entry ${x.id}`, x.orgPath);
  for (const x of cadres.items) out(`cadre ${x.id}`, x.orgPath);
  polls++;
}

const found = async (read: () => Promise<unknown>): Promise<boolean> => {
  try {
    await read();
    return true;
  } catch (e) {
    if (e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === "NOT_FOUND") return false;
    throw e;
  }
};

/** At a step boundary (nothing moving): the tracked records seen exactly by the official whose path holds them now. */
async function checkpoint(label: string): Promise<void> {
  checkpoints.push(label);
  const [[member], [entry], [cadre]] = await Promise.all([
    m.q<{ org_path: string }>(`SELECT org_path FROM member WHERE id = $1`, [tracked.memberId]),
    sql.inspection<{ org_path: string }>(`SELECT org_path FROM watch_entry WHERE id = $1::uuid`, tracked.watchEntryId),
    sql.personnel<{ org_path: string }>(`SELECT org_path FROM cadre WHERE id = $1::uuid`, tracked.cadreId),
  ]);
  for (const o of OFFICIALS) {
    await listsInScope(o, label);
    const seen = {
      member: await found(() => membershipOf(o).members.get.query({ id: tracked.memberId })),
      watchEntry: (await inspectionOf(claims(o)).watchList.list.query({ orgPath: o.path })).items.some((x) => x.id === tracked.watchEntryId),
      cadre: await found(() => personnelOf(claims(o)).cadres.get.query({ cadreId: tracked.cadreId })),
    };
    const should = { member: member!.org_path.startsWith(o.path), watchEntry: entry!.org_path.startsWith(o.path), cadre: cadre!.org_path.startsWith(o.path) };
    for (const k of ["member", "watchEntry", "cadre"] as const) {
      if (seen[k] !== should[k]) leaks.push(`${label}: ${o.name} (${o.path}) ${seen[k] ? "saw" : "did not see"} the ${k} at ${k === "member" ? member!.org_path : k === "watchEntry" ? entry!.org_path : cadre!.org_path}`);
    }
  }
}

/** The callee's answer handed back only after the check (the saga waits: one step at a time). */
function checkedMembership(steps: MembershipSteps): MembershipSteps {
  const wrap =
    <K extends keyof MembershipSteps>(name: K) =>
    async (input: Parameters<MembershipSteps[K]>[0]) => {
      const answer = await (steps[name] as (i: typeof input) => Promise<unknown>)(input);
      if (name !== "conservation") await checkpoint(`after membership.${name} (${(input as { idempotencyKey?: string }).idempotencyKey?.split(":").slice(1).join(":") ?? ""})`);
      return answer as never;
    };
  return { mark: wrap("mark"), createOrgs: wrap("createOrgs"), reparent: wrap("reparent"), closeOrgs: wrap("closeOrgs"), reopenOrgs: wrap("reopenOrgs"), restoreOrgs: wrap("restoreOrgs"), conservation: wrap("conservation") };
}
const checkedStep = (s: SagaStep): SagaStep => ({
  ...s,
  run: async (c) => {
    const answer = await s.run(c);
    await checkpoint(`after ${s.name}`);
    return answer;
  },
});

beforeAll(async () => {
  m = await startMembership(["02", "08", "12"]);
  const verifier = (aud: string) => createTokenVerifier(m.issuer.verifierOptions(aud));
  const insp = await freshServiceDatabase("inspection", openInspectionDatabase);
  sql.inspection = (q, ...v) => insp.db.prisma.$queryRawUnsafe(q, ...v);
  urls.inspection = await up(createInspectionService({ db: insp.db, verifier: verifier("inspection"), subjects: membershipDirectory({ baseUrl: m.url, token: () => m.issuer.mintService("inspection", { audience: "membership" }) }), logger: silent("inspection"), rateLimits: false }), insp.drop);
  const pers = await freshServiceDatabase("personnel", openPersonnelDatabase);
  sql.personnel = (q, ...v) => pers.db.prisma.$queryRawUnsafe(q, ...v);
  const personnelToken = () => m.issuer.mintService("personnel", { audience: ["membership", "inspection"] });
  urls.personnel = await up(createPersonnelService({ db: pers.db, verifier: verifier("personnel"), consult: serviceConsultations({ membershipUrl: m.url, inspectionUrl: urls.inspection, token: personnelToken }), logger: silent("personnel"), rateLimits: false }), pers.drop);
  const token = () => m.issuer.mintService("restructuring", { audience: ["restructuring", "membership", "inspection", "personnel"] });
  r = await startInProcess(m, { membership: checkedMembership(m.link.steps), rekeys: wiredSteps({ urls, unitMovesUrl: null, getToken: token }).map(checkedStep) });
}, 300_000);
afterAll(async () => {
  await r?.close();
  for (const c of cleanups.reverse()) await c();
  await m?.close();
});

describe("tokens during the move: nobody sees a record outside their scope at any moment", () => {
  it("a watch-list entry and a cadre in a cell of each province; each official sees their own province's", async () => {
    const national = { sub: "national", roles: ROLES, orgPaths: ["/"] };
    const cells = await m.q<{ province: string; path: string }>(
      `SELECT DISTINCT ON (left(path, 4)) left(path, 4) AS province, path FROM party_organization WHERE kind = 'grassroots_cell' AND path ~ '^/(02|08|12)/' ORDER BY left(path, 4), code`,
    );
    expect(cells.map((c) => c.province)).toEqual(["/02/", "/08/", "/12/"]);
    for (const [i, c] of cells.entries()) {
      const entry = await inspectionOf(national).watchList.add.mutate({ link: { kind: "free_text", orgPath: c.path }, title: `Theo dõi ${c.path}`, addedOn: "2025-06-01" });
      const cadre = await personnelOf(national).cadres.create.mutate({ orgPath: c.path, memberId: null, nationalId: `00207500010${i}`, fullName: `Hoàng Văn Khánh ${i}`, birthDate: "1975-01-01", gender: "male" });
      if (c.province === "/02/") Object.assign(tracked, { watchEntryId: entry.id, cadreId: cadre.id });
    }
    const [member] = await m.q<{ id: number }>(`SELECT id FROM member WHERE org_path = $1 ORDER BY id LIMIT 1`, [cells[0]!.path]);
    tracked.memberId = member!.id;
    await checkpoint("before the run");
    // Lai Châu's official reads its own province (the check above would pass on empty answers otherwise).
    const lc = OFFICIALS[2];
    expect((await membershipOf(lc).members.list.query({ limit: 5 })).items.length).toBeGreaterThan(0);
    expect((await inspectionOf(claims(lc)).watchList.list.query({ orgPath: lc.path })).items).toHaveLength(1);
    expect(leaks).toEqual([]);
  });

  it("during the run, step by step and polled meanwhile: no leak; afterwards the Hà Giang records are the new province's", async () => {
    const api = r.client(CENTRAL).restructuring;
    const { id: planId } = await api.plans.loadOfficial.mutate({});
    await api.runs.start.mutate({ planId, provinceCodes: ["08"] });
    let running = true;
    const poller = (async () => {
      while (running) for (const o of OFFICIALS) await listsInScope(o, "polled during the run").catch((e: unknown) => leaks.push(`poll failed: ${(e as Error).message}`));
    })();
    const started = Date.now();
    const view = await api.runs.resume.mutate({ planId, provinceCode: "08" }).finally(() => (running = false));
    await poller;
    await checkpoint("after the run");
    console.log(`one province merge with ${checkpoints.length} checkpoints and ${polls} scope checks of 3 officials: ${Date.now() - started} ms`);
    expect([view.status, view.provinces[0]!.error]).toEqual(["done", null]);
    expect(leaks).toEqual([]);
    expect(checkpoints).toEqual([
      "before the run",
      ...["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs"].map((s) => `after ${s} (08:${s})`),
      "after inspection.rekey",
      "after personnel.rekey",
      "after membership.mark (08:membership.unmark)",
      "after the run",
    ]);
    // Moved whole: Hà Giang's official sees none of them now, the new province's all three.
    const [tq, hg] = [OFFICIALS[1], OFFICIALS[0]];
    expect((await membershipOf(tq).members.get.query({ id: tracked.memberId })).orgPath.startsWith("/08-2025/")).toBe(true);
    expect((await personnelOf(claims(tq)).cadres.get.query({ cadreId: tracked.cadreId })).orgPath.startsWith("/08-2025/")).toBe(true);
    expect((await inspectionOf(claims(tq)).watchList.list.query({ orgPath: tq.path })).items.map((x) => x.id)).toContain(tracked.watchEntryId);
    expect((await membershipOf(hg).members.list.query({ limit: 5 })).items).toEqual([]);
  });
});
