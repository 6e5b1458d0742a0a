import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { coverageCounts } from "../../app/coverage-sql.js";
import { coverage, coverageOfCounts } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.planning.coverage;

/**
 * Planning coverage and structure of a subtree for a term: counts only (the boards read it). Counted by one
 * aggregate query (app/coverage-sql.ts, measured by bench/coverage.bench.ts), turned into ratios by the domain.
 */
export const coverageRoute = procedure("personnel.reports.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return coverage({ posts: [], termStartYear: input.termStartYear });
    return coverageOfCounts(await coverageCounts(ctx.db, prefixes, input.termStartYear));
  });
