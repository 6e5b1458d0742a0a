// Plans in the database: store a domain Plan (one row per unit change), read it back, its view.
import type { PlanView } from "@orgboard/contract-restructuring";
import { getUnits } from "@orgboard/admin-units";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { NewUnit, Plan, UnitChange, UnitSource } from "../domain/index.js";

type Tx = Prisma.TransactionClient;

export interface StoredPlanHeader {
  id: string;
  title: string;
  status: string;
  effectiveOn: Date;
  fromEdition: string;
  toEdition: string;
  origin: string | null;
  scopeOrgPath: string;
  createdAt: Date;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export async function insertPlan(tx: Tx, plan: Plan, meta: { origin: string | null; scopeOrgPath: string; createdBy: string }): Promise<StoredPlanHeader> {
  const row = await tx.plan.create({
    data: {
      title: plan.title,
      effectiveOn: new Date(`${plan.effectiveOn}T00:00:00Z`),
      fromEdition: plan.fromEdition,
      toEdition: plan.toEdition,
      origin: meta.origin,
      scopeOrgPath: meta.scopeOrgPath,
      createdBy: meta.createdBy,
    },
  });
  await tx.unitChange.createMany({
    data: plan.changes.map((c, position) => {
      const base = { planId: row.id, position, kind: c.kind, level: c.level };
      switch (c.kind) {
        case "merge":
          return { ...base, targetCode: c.target.code, targetName: c.target.name, targetParentCode: c.target.parentCode, sources: c.sources as unknown as Prisma.InputJsonValue };
        case "rename":
          return { ...base, targetCode: c.target.code, targetName: c.target.name, targetParentCode: c.target.parentCode, sources: [{ code: c.source, coverage: "full" }] };
        case "split":
          return { ...base, sources: [{ code: c.source }], targets: c.targets };
        case "abolish_level":
          return { ...base, sources: [] };
      }
    }),
  });
  const assignments = Object.entries(plan.assignments);
  if (assignments.length > 0) await tx.splitAssignment.createMany({ data: assignments.map(([orgCode, unitCode]) => ({ planId: row.id, orgCode, unitCode })) });
  return row;
}

/** The header and the domain plan, or null if there is no such plan. */
export async function readPlan(db: PrismaClient | Tx, id: string): Promise<{ header: StoredPlanHeader; plan: Plan } | null> {
  const header = await db.plan.findUnique({ where: { id } });
  if (!header) return null;
  const [rows, assignments, renames] = await Promise.all([
    db.unitChange.findMany({ where: { planId: id }, orderBy: { position: "asc" } }),
    db.splitAssignment.findMany({ where: { planId: id } }),
    db.planRename.findMany({ where: { planId: id } }),
  ]);
  const changes: UnitChange[] = rows.map((r) => {
    const target = (): NewUnit => ({ code: r.targetCode!, name: r.targetName!, level: r.level as NewUnit["level"], parentCode: r.targetParentCode });
    const sources = r.sources as unknown as UnitSource[];
    switch (r.kind) {
      case "merge":
        return { kind: "merge", level: r.level as "province" | "commune", sources, target: target() };
      case "rename":
        return { kind: "rename", level: r.level as "province" | "commune", source: sources[0]!.code, target: target() };
      case "split":
        return { kind: "split", level: "commune", source: sources[0]!.code, targets: r.targets as string[] };
      default:
        return { kind: "abolish_level", level: "district" };
    }
  });
  const plan: Plan = {
    title: header.title,
    effectiveOn: isoDate(header.effectiveOn),
    fromEdition: header.fromEdition as Plan["fromEdition"],
    toEdition: header.toEdition as Plan["toEdition"],
    changes,
    assignments: Object.fromEntries(assignments.map((a) => [a.orgCode, a.unitCode])),
    ...(renames.length > 0 ? { renames: Object.fromEntries(renames.map((r) => [r.orgCode, r.name])) } : {}),
  };
  return { header, plan };
}

/**
 * The plan's header and counts; `part`: the one new province's part a provincial board reads (its counts only);
 * `subtree`: the paths of a board below its province committee, `plan` then being its subtree's plan (subtreePlan).
 */
export function planView(header: StoredPlanHeader, plan: Plan, part: string | null = null, subtree: string[] | null = null): PlanView {
  const count = (kind: UnitChange["kind"]) => plan.changes.filter((c) => c.kind === kind).length;
  const targets = (level: "province" | "commune") => plan.changes.filter((c) => (c.kind === "merge" || c.kind === "rename") && c.level === level).length;
  // A part counts the old units its own changes take (a split commune once); the whole plan, the edition's.
  const partBefore = (level: "province" | "commune") =>
    new Set(plan.changes.flatMap((c) => (c.kind === "merge" && c.level === level ? c.sources.map((s) => s.code) : c.kind === "rename" && c.level === level ? [c.source] : [])).filter((code) => level === "province" || code.length === 5)).size;
  const before = (kind: "province" | "commune") => (part === null ? getUnits(plan.fromEdition).filter((u) => u.kind === kind).length : partBefore(kind));
  return {
    id: header.id,
    title: header.title,
    status: header.status as PlanView["status"],
    effectiveOn: isoDate(header.effectiveOn),
    fromEdition: header.fromEdition,
    toEdition: header.toEdition,
    origin: header.origin,
    changes: { merge: count("merge"), rename: count("rename"), split: count("split"), abolishLevel: count("abolish_level") },
    provinces: { before: before("province"), after: targets("province") },
    communes: { before: before("commune"), after: targets("commune") },
    createdAt: header.createdAt.toISOString(),
    part,
    subtree,
  };
}
