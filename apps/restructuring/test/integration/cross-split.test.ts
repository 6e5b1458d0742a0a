// A commune split between two new provinces, end to end against a real membership (issue #14,
// docs/restructuring.md "Execution"): the official 2025 mapping has no such split, so the plan is the official one
// with Hà Giang's commune 00688 split between the new Tuyên Quang (08: its part to 00691) and the new Lào Cai (15:
// new commune 00694 moved under it), edited through `plans.update` as a board would (the edits of `crossPlan`,
// the domain's schedule test's plan). Membership seeded with the real 2024 units of Hà Giang (02), Tuyên Quang (08) and Lào Cai
// (10); personnel wired (a cadre of the crossing cell). The receiving province runs first; one resume runs both; the split commune's cells end each in its own
// province's new commune; every member is in exactly one open cell; each new province's members equal the sum of
// its parts (the part that crossed counted in the receiving province, not the one it left); verify ok; a second
// resume is refused and changes nothing.
import { createTokenVerifier } from "@orgboard/auth";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createPersonnelService, openDatabase as openPersonnelDatabase, serviceConsultations } from "@orgboard/personnel";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wiredConservation, wiredSteps } from "../../src/app/rekeys.js";
import { CENTRAL, endState, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";
import { crossPlan } from "../unit/fixtures.js";

let m: MembershipSide;
let r: RestructuringSide;
let planId = "";
let personnel: Service;
let personnelUrl = "";
let dropPersonnel: () => Promise<void> = async () => {};
let personnelSql: <T>(q: string) => Promise<T[]>;
/** Members under each path before the run. */
const membersUnder = async (path: string) => (await m.q<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE org_path LIKE $1 || '%'`, [path]))[0]!.n;
const pathOf = async (code: string) => (await m.q<{ path: string; closed: boolean }>(`SELECT path, closed_on IS NOT NULL AS closed FROM party_organization WHERE code = $1`, [code]))[0]!;
/** The open committee of a 2025 commune (created as `<unit>-2025` when the old unit's code is taken). */
const committeeOf = async (unit: string) => {
  const rows = await m.q<{ path: string; closed: boolean }>(`SELECT path, closed_on IS NOT NULL AS closed FROM party_organization WHERE admin_unit_code = $1 AND admin_unit_edition = '2025' AND kind = 'grassroots_committee' AND closed_on IS NULL`, [unit]);
  expect(rows, unit).toHaveLength(1);
  return rows[0]!;
};

beforeAll(async () => {
  m = await startMembership(["02", "08", "10"]);
  // Personnel wired (its rekey and its conservation count): a cadre of the crossing cell follows it to Lào Cai,
  // and Lào Cai's check counts it in its "before".
  const pers = await freshServiceDatabase("personnel", openPersonnelDatabase);
  personnelSql = (q) => pers.db.prisma.$queryRawUnsafe(q);
  dropPersonnel = pers.drop;
  const token = () => m.issuer.mintService("restructuring", { audience: ["restructuring", "membership", "personnel"] });
  personnel = createPersonnelService({
    db: pers.db,
    verifier: createTokenVerifier(m.issuer.verifierOptions("personnel")),
    consult: serviceConsultations({ membershipUrl: m.url, inspectionUrl: "http://127.0.0.1:9", token: () => m.issuer.mintService("personnel", { audience: ["membership"] }) }),
    logger: createLogger({ name: "personnel", level: "silent" }),
    rateLimits: false,
  });
  personnelUrl = (await personnel.start({ handleSignals: false })).url;
  r = await startInProcess(m, { rekeys: wiredSteps({ urls: { personnel: personnelUrl }, unitMovesUrl: null, getToken: token }), conservation: wiredConservation({ urls: { personnel: personnelUrl }, getToken: token }) });
  // The official plan, edited as a board would (plans.update, contract 1.6): the new commune 00694 moved to the
  // new Lào Cai, and the split communes' cells assigned (00688-01 to 00691, 00688-02 to 00694).
  const api = r.client(CENTRAL).restructuring;
  planId = (await api.plans.loadOfficial.mutate({})).id;
  const edited = crossPlan();
  await api.plans.update.mutate({ planId, units: [{ code: "00694", parentCode: "15" }], assignments: Object.entries(edited.assignments).map(([orgCode, unitCode]) => ({ orgCode, unitCode })) });
}, 300_000);
afterAll(async () => {
  await r?.close();
  await personnel?.stop();
  await dropPersonnel();
  await m?.close();
});

describe("a commune split between two new provinces (Hà Giang's 00688 → Tuyên Quang's 00691 and Lào Cai's 00694)", () => {
  const before = { part15: 0, part08: 0, total: 0, s15: 0, s08: 0 };

  it("start puts the receiving province first, each counting the split commune's part it receives", async () => {
    const cells = await m.q<{ code: string; path: string }>(`SELECT code, path FROM party_organization WHERE code IN ('00688-01', '00688-02') ORDER BY code`);
    expect(cells.map((c) => c.code)).toEqual(["00688-01", "00688-02"]);
    before.part08 = await membersUnder(cells[0]!.path);
    expect(before.part08).toBeGreaterThan(0);
    // What crosses to Lào Cai: the new commune 00694 whole — its old communes taken in full, and the split
    // communes' cells assigned to it (00688-02 among them).
    const plan = crossPlan();
    const target = plan.changes.find((c) => (c.kind === "merge" || c.kind === "rename") && c.target.code === "00694")!;
    const full = target.kind === "merge" ? target.sources.filter((x) => x.coverage === "full").map((x) => x.code) : target.kind === "rename" ? [target.source] : [];
    const assigned = Object.entries(plan.assignments).filter(([, unit]) => unit === "00694").map(([org]) => org);
    expect(assigned).toContain("00688-02");
    for (const code of [...full, ...assigned]) before.part15 += await membersUnder((await pathOf(code)).path);
    expect(before.part15).toBeGreaterThan(await membersUnder(cells[1]!.path));
    before.total = m.seeded.members;
    before.s15 = (await membersUnder("/10/")) + before.part15;
    before.s08 = (await membersUnder("/02/")) + (await membersUnder("/08/")) - before.part15;

    // A cadre of the cell that crosses to Lào Cai.
    const officer = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: `${personnelUrl}/trpc` }, () => m.issuer.mint({ audience: "personnel", sub: "tc-1", roles: ["personnel_officer"], orgPaths: ["/"] }))] });
    await officer.personnel.cadres.create.mutate({ orgPath: cells[1]!.path, memberId: null, nationalId: "002075000688", fullName: "Hoàng Văn Thử", birthDate: "1975-01-01", gender: "male" });

    const view = await r.client(CENTRAL).restructuring.runs.start.mutate({ planId });
    expect(view.provinces.map((p) => [p.provinceCode, p.status, p.membersBefore])).toEqual([
      ["15", "pending", before.s15],
      ["08", "pending", before.s08],
    ]);
    expect(before.s15 + before.s08).toBe(before.total);
  });

  it("one resume runs both: each cell of the split commune in its own province's new commune, every member placed once, verify ok", async () => {
    const view = await r.client(CENTRAL).restructuring.runs.resume.mutate({ planId });
    expect(view.provinces.map((p) => [p.provinceCode, p.status, p.error, p.membersAfter])).toEqual([
      ["15", "done", null, before.s15],
      ["08", "done", null, before.s08],
    ]);
    const [p15, p08] = view.provinces;
    const [c691, c694] = await Promise.all(["00691", "00694"].map(committeeOf));
    const [cell01, cell02, old688] = await Promise.all(["00688-01", "00688-02", "00688"].map(pathOf));
    expect(c694!.path.startsWith(p15!.orgPath)).toBe(true);
    expect(c691!.path.startsWith(p08!.orgPath)).toBe(true);
    expect(cell02!.path).toBe(`${c694!.path}00688-02/`);
    expect(cell01!.path).toBe(`${c691!.path}00688-01/`);
    expect([c691!.closed, c694!.closed, cell01!.closed, cell02!.closed, old688!.closed]).toEqual([false, false, false, false, true]);
    expect(await membersUnder(c694!.path)).toBe(before.part15);
    expect(await membersUnder(cell01!.path)).toBe(before.part08);

    // Every member in exactly one open organization of a new province; none lost.
    const end = await endState(m);
    const open = new Set(end.orgs.filter((o) => !o.closed).map((o) => o.path));
    expect(end.members).toHaveLength(before.total);
    expect(end.members.filter((x) => !open.has(x.org_path))).toEqual([]);
    expect(await membersUnder(p15!.orgPath)).toBe(before.s15);
    expect(await membersUnder(p08!.orgPath)).toBe(before.s08);
    // No district committee left open in either province.
    expect(end.orgs.filter((o) => o.kind === "upper_grassroots_committee" && !o.closed && (o.path.startsWith(p15!.orgPath) || o.path.startsWith(p08!.orgPath)))).toEqual([]);

    const v = await r.client(CENTRAL).restructuring.runs.verify.query({ planId });
    expect(v.ok).toBe(true);
    // The cadre followed its cell to Lào Cai; Lào Cai's check counted it before (1) and after (1), Tuyên Quang's none.
    expect(await personnelSql(`SELECT org_path FROM cadre`)).toEqual([{ org_path: cell02!.path }]);
    const check = (p: (typeof view.provinces)[number], step: string) => p.steps.find((x) => x.step === step)!.records!;
    expect(check(p15!, "verify")).toMatchObject({ "personnel.before": 1, "personnel.after": 1 });
    expect(check(p08!, "verify")).toMatchObject({ "personnel.before": 0, "personnel.after": 0 });

    // Lào Cai's mark (and its unmark) named what it takes from Hà Giang, so Hà Giang's reads said "đang sắp
    // xếp" while it ran; Tuyên Quang's named only its own committees. Membership's audit of each step keeps them.
    const marked = async (province: string, step: string) => {
      const [row] = await m.q<{ after: { changes: { orgCodes: string[] } } }>(`SELECT after FROM audit_record WHERE entity = 'RestructuringStep' AND entity_id = $1`, [`${planId}:${province}:${step}`]);
      return row!.after.changes.orgCodes;
    };
    for (const step of ["membership.mark", "membership.unmark"]) {
      expect(await marked("15", step), step).toContain("00688-02");
      expect(await marked("08", step), step).not.toContain("00688-02");
    }
    expect(await m.q(`SELECT org_code FROM restructuring_mark`)).toEqual([]);

    // Done: a second resume is refused (naming the plan, Vietnamese first) and membership is left as it was.
    await expect(r.client(CENTRAL).restructuring.runs.resume.mutate({ planId })).rejects.toThrow(/^planId: đề án đang ở trạng thái done/);
    expect(await endState(m)).toEqual(end);
  });
});
