// Loading a case for a change: row-locked, then checked against the caller's scope (NOT_FOUND either way).
import type { Resource } from "@orgboard/auth";
import type { DisciplineDecision, Inspection, Supervision } from "../generated/prisma/client.js";
import { caseInScope } from "./access.js";
import type { Tx } from "./record.js";

type Ctx = { can(r: Resource): boolean };

export async function lockInspection(tx: Tx, ctx: Ctx, id: string, field = "inspectionId"): Promise<Inspection> {
  await tx.$executeRaw`SELECT 1 FROM inspection WHERE id = ${id}::uuid FOR UPDATE`;
  return caseInScope(ctx, await tx.inspection.findUnique({ where: { id } }), field);
}

export async function lockSupervision(tx: Tx, ctx: Ctx, id: string, field = "supervisionId"): Promise<Supervision> {
  await tx.$executeRaw`SELECT 1 FROM supervision WHERE id = ${id}::uuid FOR UPDATE`;
  return caseInScope(ctx, await tx.supervision.findUnique({ where: { id } }), field);
}

export async function lockDecision(tx: Tx, ctx: Ctx, id: string, field = "decisionId"): Promise<DisciplineDecision> {
  await tx.$executeRaw`SELECT 1 FROM discipline_decision WHERE id = ${id}::uuid FOR UPDATE`;
  return caseInScope(ctx, await tx.disciplineDecision.findUnique({ where: { id } }), field);
}
