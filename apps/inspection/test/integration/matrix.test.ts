// The authorization matrix over HTTP: every inspection procedure (reads included) × every role × a record
// inside and outside the caller's scope. A caller holds org_paths ["/01/"] (central_board and service:
// "/"). Expected cells follow from the policy (src/policy.ts) and the privacy rule of docs/inspection.md:
// - a role the action does not list: 403, whatever the target;
// - a listed role, target in scope: allowed (the call may still fail on the record's state: 400/409);
// - a listed role, target outside its scope: exactly what a nonexistent record gives — 404 for a record
//   named by id or a subject, left out of a list; 403 for a path named in the input (a report, a
//   program's owner), which says nothing about any record.
// Each call carries its own request id: an allowed call that succeeded wrote audit records (mutations
// their change, reads of cases their read), a refused one wrote none.
import { getPolicyRule } from "@orgboard/auth";
import type { MintOptions } from "@orgboard/auth/testing";
import { listProcedures } from "@orgboard/server-kit";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../src/router/index.js";
import { disciplineInput, inspectionInput, programInput, supervisionInput } from "./fixtures.js";
import { ROLES, startHarness, TREE, type Client, type Harness } from "./harness.js";

type Role = (typeof ROLES)[number] | "service";
const ALL_ROLES: Role[] = [...ROLES, "service"];
const TARGETS = ["in", "out"] as const;
type Target = (typeof TARGETS)[number];
const PROVINCE: Record<Target, string> = { in: TREE.p1, out: TREE.p2 };

let h: Harness;
let n = 0;
/** Each program a year of its own (one program per body and year). */
let nextYear = 1950;
const member = {} as Record<Target, number>;
const fixture = {} as Record<Target, { itemId: string; decided: string; underWay: string; supervision: string; decision: string; appeal: string; petition: string; petitionUnderWay: string; watch: string }>;

/** The service caller is personnel's service account (`azp`), the one a subject's cases are for (#9). */
const SERVICE_CLIENT = "personnel";
const claimsOf = (role: Role): MintOptions => ({
  sub: `matrix-${role}`,
  roles: [role],
  orgPaths: [role === "central_board" || role === "service" ? "/" : TREE.p1],
  ...(role === "service" ? { azp: SERVICE_CLIENT } : {}),
});
const commission = (t: Target) => ({ kind: "commission" as const, orgPath: PROVINCE[t] });
const uniq = () => `${++n}`;

beforeAll(async () => {
  h = await startHarness();
  member.in = h.members.hn1;
  member.out = h.members.p2;
  // The fixture is built by a national inspector ("/").
  const admin = h.client({ sub: "national-inspector", roles: ["inspection_committee"], orgPaths: ["/"] }).inspection;
  for (const t of TARGETS) {
    const program = await admin.programs.create.mutate(programInput(member[t], { ownerOrgPath: PROVINCE[t], items: [{ subject: { kind: "member", memberId: member[t] }, content: "Giám sát", quarter: 1 }] }));
    const decided = await admin.inspections.decide.mutate(inspectionInput(member[t], { conductor: commission(t) }));
    const underWay = await admin.inspections.decide.mutate(inspectionInput(member[t], { conductor: commission(t) }));
    await admin.inspections.start.mutate({ inspectionId: underWay.id, startedOn: "2026-03-05" });
    const supervision = await admin.supervisions.decide.mutate(supervisionInput({ conductor: commission(t), subject: { kind: "member", memberId: member[t] } }));
    const decision = await admin.discipline.decide.mutate(
      disciplineInput(member[t], { form: "warning", degree: "serious", decidedBy: { kind: "committee", orgPath: PROVINCE[t] }, decisionNumber: `F-${t}`, decidedOn: "2026-11-02", announcedOn: "2026-11-03" }),
    );
    const appeal = await admin.discipline.lodgeAppeal.mutate({ decisionId: decision.id, lodgedOn: "2026-11-10", content: "Khiếu nại" });
    // Petitions (one received with an inspector assigned, one under way) and a watched case.
    const petition = await admin.petitions.receive.mutate(petitionInput(t));
    await admin.petitions.assign.mutate({ petitionId: petition.id, inspectors: [{ userId: "matrix-assignee", name: "Kiểm tra viên" }] });
    const petitionUnderWay = await admin.petitions.receive.mutate(petitionInput(t));
    await admin.petitions.assign.mutate({ petitionId: petitionUnderWay.id, inspectors: [{ userId: "matrix-assignee", name: "Kiểm tra viên" }] });
    await admin.petitions.start.mutate({ petitionId: petitionUnderWay.id, startedOn: "2026-10-06" });
    const watch = await admin.watchList.add.mutate({ link: { kind: "petition", petitionId: petition.id }, title: "Theo dõi", addedOn: "2026-10-06" });
    fixture[t] = { itemId: program.items[0]!.id, decided: decided.id, underWay: underWay.id, supervision: supervision.id, decision: decision.id, appeal: appeal.id, petition: petition.id, petitionUnderWay: petitionUnderWay.id, watch: watch.id };
  }
});
afterAll(() => h?.close());

/** A named denunciation about the target's member, settled by the target's province. */
const petitionInput = (t: Target) => ({
  kind: "denunciation" as const,
  subject: { kind: "member" as const, memberId: member[t] },
  receivedOn: "2026-10-05",
  content: "Tố cáo.",
  anonymous: false,
  handlerOrgPath: PROVINCE[t],
  level: "provincial" as const,
  petitioner: { name: "Người Tố Cáo", nationalId: null, address: null, contact: null },
});

const NOT_LISTED = "NOT_LISTED";
const listed = <T>(found: boolean, page: T): T => {
  if (!found) throw new Error(NOT_LISTED);
  return page;
};

type Probe = (c: Client["inspection"], t: Target) => Promise<unknown>;

/** One call per procedure on the record (or subject, or path) at target `t`. */
const PROBES: Record<string, Probe> = {
  "programs.create": (c, t) => c.programs.create.mutate(programInput(member[t], { ownerOrgPath: PROVINCE[t], year: nextYear++, items: [{ subject: { kind: "member", memberId: member[t] }, content: "Kiểm tra", quarter: 2 }] })),
  "programs.completeItem": (c, t) => c.programs.completeItem.mutate({ itemId: fixture[t].itemId, completedOn: "2026-03-30" }),
  "programs.get": async (c, t) => c.programs.get.query({ programId: (await h.db.prisma.programItem.findUniqueOrThrow({ where: { id: fixture[t].itemId } })).programId }),
  "programs.list": async (c, t) => {
    const page = await c.programs.list.query({ limit: 200 });
    return listed(page.items.some((p) => p.owner.orgPath === PROVINCE[t]), page);
  },
  "inspections.decide": (c, t) => c.inspections.decide.mutate(inspectionInput(member[t], { conductor: commission(t), decisionNumber: `M-${uniq()}` })),
  "inspections.start": (c, t) => c.inspections.start.mutate({ inspectionId: fixture[t].decided, startedOn: "2026-03-10" }),
  "inspections.conclude": (c, t) => c.inspections.conclude.mutate({ inspectionId: fixture[t].underWay, concludedOn: "2026-05-01", violation: false, findings: "Không vi phạm" }),
  "inspections.get": (c, t) => c.inspections.get.query({ inspectionId: fixture[t].decided }),
  "inspections.list": async (c, t) => {
    const page = await c.inspections.list.query({ limit: 200 });
    return listed(page.items.some((i) => i.id === fixture[t].decided), page);
  },
  "supervisions.decide": (c, t) => c.supervisions.decide.mutate(supervisionInput({ conductor: commission(t), subject: { kind: "member", memberId: member[t] } })),
  "supervisions.conclude": (c, t) => c.supervisions.conclude.mutate({ supervisionId: fixture[t].supervision, concludedOn: "2026-06-01", signsOfViolation: false, findings: "Tốt" }),
  "supervisions.get": (c, t) => c.supervisions.get.query({ supervisionId: fixture[t].supervision }),
  "supervisions.list": async (c, t) => {
    const page = await c.supervisions.list.query({ limit: 200 });
    return listed(page.items.some((i) => i.id === fixture[t].supervision), page);
  },
  "discipline.decide": (c, t) =>
    c.discipline.decide.mutate(disciplineInput(member[t], { form: "reprimand", degree: "less_serious", decidedBy: { kind: "committee", orgPath: PROVINCE[t] }, decisionNumber: `M-${uniq()}` })),
  "discipline.lodgeAppeal": (c, t) => c.discipline.lodgeAppeal.mutate({ decisionId: fixture[t].decision, lodgedOn: "2026-11-12", content: "Khiếu nại lần hai" }),
  "discipline.decideAppeal": (c, t) => c.discipline.decideAppeal.mutate({ appealId: fixture[t].appeal, decidedOn: "2026-11-19", outcome: "upheld", decidedByOrgPath: PROVINCE[t], decisionNumber: `A-${uniq()}` }),
  // The fixture's decision has no refused effect: in scope the commission meets a 409 (its state), others
  // the same refusal as anywhere.
  "discipline.resolveEffect": (c, t) => c.discipline.resolveEffect.mutate({ decisionId: fixture[t].decision, note: "Đã xử lý / handled" }),
  "discipline.get": (c, t) => c.discipline.get.query({ decisionId: fixture[t].decision }),
  "discipline.list": async (c, t) => {
    const page = await c.discipline.list.query({ limit: 200 });
    return listed(page.items.some((i) => i.id === fixture[t].decision), page);
  },
  "cases.listForSubject": async (c, t) => {
    const cases = await c.cases.listForSubject.query({ subject: { kind: "member", memberId: member[t] } });
    return listed(cases.inspections.some((i) => i.id === fixture[t].decided), cases);
  },
  "report.annual": (c, t) => c.report.annual.query({ orgPath: PROVINCE[t], year: 2026 }),
  "petitions.receive": (c, t) => c.petitions.receive.mutate(petitionInput(t)),
  "petitions.assign": (c, t) => c.petitions.assign.mutate({ petitionId: fixture[t].petition, inspectors: [{ userId: "matrix-assignee", name: "Kiểm tra viên" }] }),
  "petitions.start": (c, t) => c.petitions.start.mutate({ petitionId: fixture[t].petition, startedOn: "2026-10-07" }),
  "petitions.extend": (c, t) => c.petitions.extend.mutate({ petitionId: fixture[t].petitionUnderWay, extendedOn: "2026-11-20", reason: "Cần xác minh thêm" }),
  "petitions.settle": (c, t) => c.petitions.settle.mutate({ petitionId: fixture[t].petitionUnderWay, settledOn: "2026-11-20", outcome: "unfounded", conclusion: "Không đúng" }),
  "petitions.get": (c, t) => c.petitions.get.query({ petitionId: fixture[t].petition }),
  "petitions.list": async (c, t) => {
    const page = await c.petitions.list.query({ orgPath: "/", limit: 200 });
    return listed(page.items.some((p) => p.id === fixture[t].petition), page);
  },
  "petitions.export": async (c, t) => {
    const file = await c.petitions.export.mutate({ orgPath: "/" });
    return listed(Buffer.from(file.fileBase64, "base64").toString("utf8").includes(fixture[t].petition), file);
  },
  "watchList.add": (c, t) => c.watchList.add.mutate({ link: { kind: "free_text", orgPath: PROVINCE[t] }, title: "Vụ việc", addedOn: "2026-10-07" }),
  "watchList.close": (c, t) => c.watchList.close.mutate({ watchId: fixture[t].watch, closedOn: "2026-11-20" }),
  "watchList.list": async (c, t) => {
    const page = await c.watchList.list.query({ orgPath: "/", limit: 200 });
    return listed(page.items.some((w) => w.id === fixture[t].watch), page);
  },
  // Restructuring's account only (serviceClients): refused to every caller here, the matrix's service included
  // (no named client); restructuring's own calls are tested in restructuring-rekey.test.ts.
  "restructuring.rekey": (c, t) => c.restructuring.rekey.mutate({ idempotencyKey: `matrix-${uniq()}`, effectiveOn: "2025-07-01", moves: [{ fromPath: PROVINCE[t], toPath: "/98/" }] }),
  "restructuring.conservation": (c, t) => c.restructuring.conservation.query({ paths: [PROVINCE[t]] }),
  // The province's audit records (the fixtures wrote some in each): an auditor outside gets an empty page.
  "audit.search": async (c, t) => {
    const page = await c.audit.search.query({ orgPath: PROVINCE[t], kind: "change", limit: 200 });
    return listed(page.items.some((r) => r.orgPath.startsWith(PROVINCE[t])), page);
  },
};

/** Procedures naming a path in their input (not a record): outside the scope they answer 403. */
const PATH_PROCEDURES = new Set(["programs.create", "report.annual"]);
const LISTS = new Set(["programs.list", "inspections.list", "supervisions.list", "discipline.list", "cases.listForSubject", "petitions.list", "petitions.export", "watchList.list", "audit.search"]);

function expected(name: string, action: string, role: Role, target: Target): string {
  const rule = getPolicyRule(action)!;
  if (!rule.roles.includes(role)) return "FORBIDDEN";
  if (role === "service" && rule.serviceClients && !rule.serviceClients.includes(SERVICE_CLIENT)) return "FORBIDDEN";
  const inScope = role === "central_board" || role === "service" || target === "in";
  if (inScope) return "allowed";
  if (PATH_PROCEDURES.has(name)) return "FORBIDDEN";
  return LISTS.has(name) ? NOT_LISTED : "NOT_FOUND";
}

async function attempt(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (err) {
    if (err instanceof Error && err.message === NOT_LISTED) return NOT_LISTED;
    if (!(err instanceof TRPCClientError)) throw err;
    return (err.data as { code?: string } | undefined)?.code ?? `no code: ${err.message}`;
  }
}

const procedures = listProcedures(appRouter)
  .filter((p) => p.type !== "subscription")
  .map((p) => ({ name: p.path.replace(/^inspection\./, ""), action: p.action!, type: p.type }));

describe("the matrix covers the router", () => {
  it("has a probe for every procedure and answers 401 without a token", async () => {
    expect(Object.keys(PROBES).sort()).toEqual(procedures.map((p) => p.name).sort());
    for (const p of procedures) expect(await attempt(PROBES[p.name]!(h.client(null).inspection, "in")), p.name).toBe("UNAUTHORIZED");
  });
});

describe.each(procedures.map((p) => [p.name, p] as const))("%s", (name, proc) => {
  it.each(ALL_ROLES.map((r) => [r]))("%s", async (role) => {
    for (const target of TARGETS) {
      // The audit records carry the id the service gave the request (a client's own is kept apart, #9).
      const served: string[] = [];
      const outcome = await attempt(PROBES[name]!(h.client(claimsOf(role), { requestId: () => `matrix-${name}-${role}-${target}-${uniq()}`, onRequestId: (id) => served.push(id) }).inspection, target));
      const requestId = { in: served };
      // Allowed: success, or a refusal on the record's state (a second start, a second appeal), never a 500.
      const seen = outcome === "ok" || outcome === "CONFLICT" || outcome === "BAD_REQUEST" ? "allowed" : outcome;
      expect(`${role} ${target}: ${seen}`, `${name} answered ${outcome}`).toBe(`${role} ${target}: ${expected(name, proc.action, role, target)}`);
      const written = await h.db.prisma.auditRecord.count({ where: { requestId } });
      const readsCases = proc.type === "query" && name !== "report.annual" && name !== "programs.list";
      if (outcome === "ok" && (proc.type === "mutation" || readsCases)) expect(written, `${name} ${role} ${target}: audited`).toBeGreaterThan(0);
      // A list that left the target out still read (and audited) the cases it returned, none outside the scope.
      else if (outcome === NOT_LISTED) expect(await h.db.prisma.auditRecord.count({ where: { requestId, orgPath: { startsWith: PROVINCE.out } } }), `${name} ${role} ${target}`).toBe(0);
      else expect(written, `${name} ${role} ${target}: nothing written (${outcome})`).toBe(0);
    }
  });
});
