import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { readPlan } from "../../app/plans.js";
import type { TreeSource } from "../../app/tree.js";
import { compilePlan, isBelowProvince, planPart, subtreeCodes, type OrgNode, type Plan } from "../../domain/index.js";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: bilingual("không tìm thấy đề án", "plan not found") });

/**
 * The plan, if it exists and lies in the caller's scope; otherwise the same NOT_FOUND for both (a caller
 * learns nothing about plans outside its scope, not even that they exist).
 */
export async function planInScope(db: PrismaClient, id: string, can: (r: { orgPath: string }) => boolean) {
  const found = await readPlan(db, id);
  if (!found || !can({ orgPath: found.header.scopeOrgPath })) throw notFound();
  return found;
}

/**
 * The new province a caller outside the plan's scope may read a part of: the one its province committee
 * (the top of the tree, old or new — before the run a board's scope is its old province's committee, after it
 * the new one's) goes to. Several: the first in the plan's order.
 */
export function callerProvince(plan: Plan, tree: readonly OrgNode[], can: (r: { orgPath: string }) => boolean): string | undefined {
  const compiled = compilePlan(plan);
  const mine = new Set<string>();
  for (const o of tree) {
    if (o.parentCode !== null || o.kind !== "provincial_committee" || o.adminUnitCode === null) continue;
    if (!can({ orgPath: `/${o.code}/` })) continue;
    // an old province's code maps through the plan; a committee created by a run carries its new province's code
    const p = compiled.province.get(o.adminUnitCode) ?? (compiled.newUnits.get(o.adminUnitCode)?.level === "province" ? o.adminUnitCode : undefined);
    if (p !== undefined) mine.add(p);
  }
  for (const u of compiled.newUnits.values()) if (mine.has(u.code)) return u.code;
  return undefined;
}

/** The part of a tree a new province is formed from: the subtrees of its old provinces' committees and of its new one. */
export function treePart(plan: Plan, tree: readonly OrgNode[], provinceCode: string): OrgNode[] {
  const compiled = compilePlan(plan);
  const byCode = new Map(tree.map((o) => [o.code, o]));
  const inPart = new Map<string, boolean>();
  const belongs = (o: OrgNode): boolean => {
    const hit = inPart.get(o.code);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (o.parentCode === null) {
      const unit = o.adminUnitCode;
      r = unit !== null && o.kind === "provincial_committee" && (compiled.province.get(unit) ?? unit) === provinceCode;
    } else {
      const parent = byCode.get(o.parentCode);
      r = parent !== undefined && belongs(parent);
    }
    inPart.set(o.code, r);
    return r;
  };
  return tree.filter(belongs);
}

/** callerProvince from a started run's stored rows: the first province (plan order) whose committee or source committee the caller reads. */
export async function runProvinceOf(db: PrismaClient, plan: Plan, planId: string, can: (r: { orgPath: string }) => boolean): Promise<string | undefined> {
  const rows = await db.runProvince.findMany({ where: { planId }, select: { provinceCode: true, orgPath: true, sourceOrgCodes: true } });
  const mine = new Set(
    rows.filter((r) => can({ orgPath: r.orgPath }) || (r.sourceOrgCodes as string[]).some((code) => can({ orgPath: `/${code}/` }))).map((r) => r.provinceCode),
  );
  if (mine.size <= 1) return [...mine][0];
  for (const u of compilePlan(plan).newUnits.values()) if (mine.has(u.code)) return u.code;
  return undefined;
}

/** What a board below its province committee reads: its paths, its province's part of the tree, its organizations' codes there. */
export interface SubtreeAccess {
  paths: string[];
  /** the province's part of the tree (treePart), read at this call */
  tree: OrgNode[];
  /** its organizations in that tree (subtreeCodes) */
  codes: Set<string>;
}

export interface PlanAccess {
  header: NonNullable<Awaited<ReturnType<typeof readPlan>>>["header"];
  /** the plan the caller may read: the whole one, or its province's part (a subtree board's too: the derivation needs the province) */
  plan: Plan;
  /** the whole plan */
  full: Plan;
  /** null: the whole plan (its scope is the caller's); else the one new province the caller reads */
  part: string | null;
  /** a board below its province committee: the subtree its answers are cut to; null otherwise */
  subtree: SubtreeAccess | null;
}

/**
 * Read access to a plan (plans.get / preview, runs.get): the whole plan in the caller's scope; a provincial
 * board outside it reads its own new province's part; a board below its province committee (a district's, a
 * commune's) the part concerning its own organizations; anyone else gets the NOT_FOUND of a missing plan.
 */
export async function planForReader(db: PrismaClient, tree: TreeSource, id: string, can: (r: { orgPath: string }) => boolean, scope: readonly string[]): Promise<PlanAccess> {
  const found = await readPlan(db, id);
  if (!found) throw notFound();
  if (can({ orgPath: found.header.scopeOrgPath })) return { header: found.header, plan: found.plan, full: found.plan, part: null, subtree: null };
  // A run that has started names its provinces' committees (run_province: the new one and the old ones it is
  // formed from): the board's province is read there, without membership's tree. Not among them (a board of a
  // province the run leaves out): the tree, as before the run.
  const province = (await runProvinceOf(db, found.plan, id, can)) ?? callerProvince(found.plan, await tree.load(), can);
  if (province !== undefined) return { header: found.header, plan: planPart(found.plan, province), full: found.plan, part: province, subtree: null };
  // Below a province committee: the province of the committee at the top of its path, found as a provincial
  // board's is; then its organizations in that province's part of the tree. None there (a path naming nothing
  // the plan's tree holds): as for a missing plan, so a guessed path learns nothing either.
  const deep = scope.filter(isBelowProvince);
  if (deep.length === 0) throw notFound();
  const top = (p: string) => `/${p.split("/")[1]}/`;
  const tops = new Set(deep.map(top));
  const atTop = (r: { orgPath: string }) => tops.has(r.orgPath);
  const whole = await tree.load();
  const below = (await runProvinceOf(db, found.plan, id, atTop)) ?? callerProvince(found.plan, whole, atTop);
  if (below === undefined) throw notFound();
  const plan = planPart(found.plan, below);
  const part = treePart(plan, whole, below);
  const inPart = new Set(part.filter((o) => o.parentCode === null).map((o) => `/${o.code}/`));
  const paths = deep.filter((p) => inPart.has(top(p)));
  const codes = subtreeCodes(part, paths);
  if (codes.size === 0) throw notFound();
  return { header: found.header, plan, full: found.plan, part: below, subtree: { paths, tree: part, codes } };
}
