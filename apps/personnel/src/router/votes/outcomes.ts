import { personnelContract, type ConfidenceOutcome } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { yearRange } from "../../app/cadre-views.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { outcomeCounts } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.votes.outcomes;

async function countYear(db: PrismaClient, where: object, year: number) {
  const sessionWhere = { ...where, heldOn: yearRange(year) };
  const [sessions, groups] = await Promise.all([
    db.voteSession.count({ where: sessionWhere }),
    db.voteTally.groupBy({ by: ["outcome"], where: { session: sessionWhere }, _count: { _all: true } }),
  ]);
  return outcomeCounts(sessions, groups.flatMap((g) => Array<ConfidenceOutcome>(g._count._all).fill(g.outcome as ConfidenceOutcome)));
}

/** Confidence-vote outcomes of a subtree for sessions held in a year, and the year before: counts only (the boards). */
export const voteOutcomesRoute = procedure("personnel.reports.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { year: input.year, ...outcomeCounts(0, []), previous: outcomeCounts(0, []) };
    const [current, previous] = await Promise.all([countYear(ctx.db, where, input.year), countYear(ctx.db, where, input.year - 1)]);
    return { year: input.year, ...current, previous };
  });
