import { getUnits } from "@orgboard/admin-units";
import { restructuringContract, type VerifyRunOutput } from "@orgboard/contract-restructuring";
import { UNIT_CENSUS_MAX_PATHS } from "@orgboard/identity-moves";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { censusPaths, CONSERVATION_SERVICES, conservationOf, identityCheckFrom, identityProblem, outermost, pathsOf, serviceCheck, serviceProblem, type ConservationClient, type ConservationService, type IdentityCensus, type IdentityCheck, type MembershipSteps, type ServiceCheck, type StepAnswer } from "../../app/steps.js";
import type { OrgChange } from "../../domain/index.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { compilePlan } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";

const c = restructuringContract.procedures.runs.verify;

/**
 * Conservation against membership's real counts: per province of the run, members in its committee's
 * subtree = the sum of its parts when the run started; nobody on a closed or non-cell organization; no
 * district committee left (when the plan abolishes the level). With the plan's unit counts (63 → 34, …).
 * And per service wired (1.4): its records (cases, cadres and posts, sites) under the province's path = those
 * counted when its run began, none under a closed organization's path, every cadre accounted for; a service
 * not wired is named in `notChecked`. And (1.11) when identity's step is wired, the officials: none with an
 * `org_paths` entry under a closed path, those on a path naming no organization as awaiting reassignment
 * (`identity: null` when not wired). The usernames of officials left go to the log, never to the answer.
 */
export const verifyRunRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }): Promise<VerifyRunOutput> => {
    const { plan } = await planInScope(ctx.db, input.planId, ctx.can);
    if (!ctx.saga.membership) throw new TRPCError({ code: "PRECONDITION_FAILED", message: bilingual("chưa nối với dịch vụ đảng viên", "membership is not connected") });
    const compiled = compilePlan(plan);
    const provinces = await ctx.db.runProvince.findMany({ where: { planId: input.planId }, orderBy: { position: "asc" } });
    const counts = await ctx.saga.membership.conservation({ orgCodes: provinces.map((p) => p.orgCode) });
    const closures = await closuresOf(ctx, input.planId, provinces, counts.subtrees);
    const services = await servicesConservation(ctx, input.planId, provinces, closures);
    const officials = await identityConservation(ctx, provinces, closures);
    const perProvince = provinces.map((p) => {
      const after = counts.subtrees.find((s) => s.code === p.orgCode)?.members ?? 0;
      const checks = services.perProvince.get(p.provinceCode) ?? [];
      const identity = officials?.get(p.provinceCode) ?? null;
      const membersOk = after === p.membersBefore && p.status === "done";
      return { provinceCode: p.provinceCode, orgCode: p.orgCode, before: p.membersBefore, after, membersOk, done: p.status === "done", ok: membersOk && checks.every((s) => s.ok) && (identity?.ok ?? true), services: checks, identity };
    });
    const problems: string[] = [];
    for (const p of perProvince) {
      if (!p.membersOk) problems.push(bilingual(`tỉnh ${p.provinceCode}: ${p.after} đảng viên, trước là ${p.before}`, `province ${p.provinceCode}: ${p.after} members, ${p.before} before`));
      // A province not run yet is reported once (above), not once more per service.
      for (const s of p.done ? p.services : []) {
        const problem = serviceProblem(p.provinceCode, s);
        if (problem) problems.push(problem);
      }
      const officialsProblem = p.done && p.identity ? identityProblem(p.provinceCode, p.identity) : null;
      if (officialsProblem) {
        problems.push(officialsProblem);
        ctx.logger.warn({ planId: input.planId, provinceCode: p.provinceCode, onClosed: p.identity!.onClosed, usernames: p.identity!.usernamesOnClosed }, "cán bộ còn ở tổ chức đã giải thể / officials left under closed organizations");
      }
    }
    if (counts.onClosed > 0) problems.push(bilingual(`${counts.onClosed} đảng viên ở tổ chức đã giải thể`, `${counts.onClosed} members on closed organizations`));
    if (counts.onNonCell > 0) problems.push(bilingual(`${counts.onNonCell} đảng viên không ở chi bộ`, `${counts.onNonCell} members not in a cell`));
    if (compiled.districtLevelAbolished && counts.districtCommittees > 0) problems.push(bilingual(`còn ${counts.districtCommittees} đảng bộ cấp huyện`, `${counts.districtCommittees} district committees left`));
    const units = (edition: typeof plan.fromEdition, kind: "province" | "commune") => getUnits(edition).filter((u) => u.kind === kind).length;
    const targets = (level: "province" | "commune") => plan.changes.filter((ch) => (ch.kind === "merge" || ch.kind === "rename") && ch.level === level).length;
    return {
      planId: input.planId,
      ok: problems.length === 0,
      provinces: { before: units(plan.fromEdition, "province"), after: targets("province") },
      communes: { before: units(plan.fromEdition, "commune"), after: targets("commune") },
      members: counts.members,
      membersOnClosed: counts.onClosed,
      membersOnNonCell: counts.onNonCell,
      districtCommittees: counts.districtCommittees,
      perProvince: perProvince.map((p) => ({ provinceCode: p.provinceCode, orgCode: p.orgCode, before: p.before, after: p.after, ok: p.ok, services: p.services, identity: p.identity ? figures(p.identity) : null })),
      services: services.totals,
      notChecked: ctx.saga.notChecked as ConservationService[],
      identity: officials ? figures(sumIdentity([...officials.values()])) : null,
      problems,
    };
  });

type Province = { provinceCode: string; orgCode: string; orgPath: string; sourceOrgCodes: unknown };

/** A province's organizations closed by its run, their paths, and where its officials and records now belong. */
interface Closure {
  provincePath: string;
  closedCodes: Set<string>;
  /** outermost: a row is counted once */
  closedPaths: string[];
  /** abolished committees' (closed into the province's committee: the district level) */
  abolishedPaths: string[];
}

/**
 * Per province: the organizations that no longer exist after its run (its closures and its closing sources) and
 * their paths. Read only when something counts under them (a service or identity wired).
 */
async function closuresOf(
  ctx: { db: PrismaClient; saga: { membership?: MembershipSteps; conservation: readonly ConservationClient[]; identity?: IdentityCensus } },
  planId: string,
  provinces: readonly Province[],
  subtrees: readonly { code: string; path: string | null }[],
): Promise<Map<string, Closure>> {
  const out = new Map<string, Closure>();
  if ((ctx.saga.conservation.length === 0 && !ctx.saga.identity) || provinces.length === 0 || !ctx.saga.membership) return out;
  const closes = await ctx.db.orgChange.findMany({ where: { planId, kind: "close" }, select: { provinceCode: true, orgCode: true, payload: true } });
  const closedByProvince = new Map<string, Set<string>>(provinces.map((p) => [p.provinceCode, new Set((p.sourceOrgCodes as string[]).filter((c) => c !== p.orgCode))]));
  for (const c of closes) closedByProvince.get(c.provinceCode)?.add(c.orgCode);
  const allClosed = [...new Set([...closedByProvince.values()].flatMap((s) => [...s]))];
  const pathOf = await pathsOf(ctx.saga.membership, allClosed);
  // Outermost only: a closed commune committee under a closed district or province is covered by it (and the
  // query stays short: it travels in the URL).
  for (const p of provinces) {
    const codes = closedByProvince.get(p.provinceCode)!;
    const sources = p.sourceOrgCodes as string[];
    const abolished = closes.filter((c) => c.provinceCode === p.provinceCode && (c.payload as unknown as Extract<OrgChange, { kind: "close" }>).successorCode === p.orgCode && !sources.includes(c.orgCode));
    out.set(p.provinceCode, {
      provincePath: subtrees.find((s) => s.code === p.orgCode)?.path ?? p.orgPath,
      closedCodes: codes,
      closedPaths: outermost([...codes].flatMap((c) => (pathOf.has(c) ? [pathOf.get(c)!] : []))),
      abolishedPaths: abolished.flatMap((c) => (pathOf.has(c.orgCode) ? [pathOf.get(c.orgCode)!] : [])),
    });
  }
  return out;
}

/**
 * Per province done, its officials (identity's census); null when identity is not wired. A province not run yet
 * (or rolled back) has its officials on its old paths by design: not counted, its row already says it is not done.
 */
async function identityConservation(
  ctx: { saga: { membership?: MembershipSteps; identity?: IdentityCensus } },
  provinces: readonly (Province & { status: string })[],
  closures: ReadonlyMap<string, Closure>,
): Promise<Map<string, IdentityCheck> | null> {
  const census = ctx.saga.identity;
  const m = ctx.saga.membership;
  if (!census || !m) return null;
  const out = new Map<string, IdentityCheck>();
  const done = provinces.filter((p) => p.status === "done");
  // One census for the whole run (Keycloak scans every realm user per call), in pieces under its cap.
  const pieces: (typeof done)[] = [];
  let size = 0;
  for (const p of done) {
    const n = censusPaths(closures.get(p.provinceCode)!).length;
    if (pieces.length === 0 || size + n > UNIT_CENSUS_MAX_PATHS) {
      pieces.push([]);
      size = 0;
    }
    pieces.at(-1)!.push(p);
    size += n;
  }
  for (const piece of pieces) {
    const areas = piece.map((p) => closures.get(p.provinceCode)!);
    const answer = await census.census({ paths: areas.flatMap(censusPaths) }).catch((err: unknown) => {
      // Unreachable identity: said, never a bare 500 nor an "ok" without the officials.
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: bilingual("không kiểm tra được tài khoản cán bộ ở nhà cung cấp định danh (không kết nối được hoặc lỗi)", `could not check officials at the identity provider (unreachable or failed): ${(err as Error).message}`),
        cause: err,
      });
    });
    let at = 0;
    for (const [i, p] of piece.entries()) {
      const n = censusPaths(areas[i]!).length;
      out.set(p.provinceCode, await identityCheckFrom(answer.paths.slice(at, at + n), m, areas[i]!));
      at += n;
    }
  }
  return out;
}

const figures = (i: Omit<IdentityCheck, "usernamesOnClosed">) => ({ onClosed: i.onClosed, awaitingReassignment: i.awaitingReassignment, ok: i.ok });
const sumIdentity = (checks: readonly IdentityCheck[]) => {
  const onClosed = checks.reduce((a, c) => a + c.onClosed, 0);
  return { onClosed, awaitingReassignment: checks.reduce((a, c) => a + c.awaitingReassignment, 0), ok: onClosed === 0 };
};

/**
 * Per province and service: records before (the province's mark step counted them), under its committee's
 * path now, and left under its closed organizations' paths. One call per province and service.
 */
async function servicesConservation(
  ctx: { db: PrismaClient; saga: { membership?: MembershipSteps; conservation: readonly ConservationClient[] } },
  planId: string,
  provinces: readonly Province[],
  closures: ReadonlyMap<string, Closure>,
): Promise<{ perProvince: Map<string, ServiceCheck[]>; totals: ServiceCheck[] }> {
  const perProvince = new Map<string, ServiceCheck[]>();
  if (ctx.saga.conservation.length === 0 || provinces.length === 0 || !ctx.saga.membership) return { perProvince, totals: [] };
  const marks = await ctx.db.sagaStep.findMany({ where: { planId, step: "membership.mark", status: "done" }, select: { provinceCode: true, result: true } });
  const before = new Map(marks.map((m) => [m.provinceCode, (m.result as unknown as StepAnswer | null)?.before ?? null]));
  // One call per province and service: its own closed paths, and personnel's cadres counted for it alone.
  for (const client of ctx.saga.conservation) {
    for (const p of provinces) {
      const closure = closures.get(p.provinceCode)!;
      const r = await conservationOf(client, [closure.provincePath], closure.closedPaths).catch((err: unknown) => {
        // A wired service that does not answer: say which, never a bare 500 (nor "ok" without its records).
        throw new TRPCError({
          code: "SERVICE_UNAVAILABLE",
          message: bilingual(`không kiểm tra được hồ sơ của dịch vụ ${client.service} (không kết nối được hoặc lỗi)`, `could not check ${client.service}'s records (unreachable or failed): ${(err as Error).message}`),
          cause: err,
        });
      });
      const b = before.get(p.provinceCode)?.[client.service];
      perProvince.set(p.provinceCode, [...(perProvince.get(p.provinceCode) ?? []), serviceCheck(client.service, b ?? null, r.under[0]?.total ?? 0, r.left.total, r.cadres ? r.cadres.unaccounted : null)]);
    }
  }
  const totals = CONSERVATION_SERVICES.filter((s) => ctx.saga.conservation.some((c) => c.service === s)).map((service) => {
    const checks = provinces.map((p) => perProvince.get(p.provinceCode)!.find((c) => c.service === service)!);
    const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + x!, 0));
    return serviceCheck(service, sumOrNull(checks.map((c) => c.before)), checks.reduce((a, c) => a + c.after, 0), checks.reduce((a, c) => a + c.left, 0), sumOrNull(checks.map((c) => c.unaccounted)));
  });
  return { perProvince, totals };
}
