import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { fromDbDate } from "../../app/dates.js";
import { coverage } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.planning.coverage;

/**
 * Planning coverage and structure of a subtree for a term: counts only (the boards read it). Computed by
 * the domain's `coverage` over the term's posts and active candidates (no benchmark yet: Prisma, not SQL).
 */
export const coverageRoute = procedure("personnel.reports.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return coverage({ posts: [], termStartYear: input.termStartYear });
    const posts = await ctx.db.post.findMany({
      where: { ...where, termStartYear: input.termStartYear },
      select: { orgPath: true, pool: { where: { removedOn: null }, select: { cadre: { select: { id: true, birthDate: true, gender: true, ethnicMinority: true } } } } },
    });
    return coverage({
      termStartYear: input.termStartYear,
      posts: posts.map((p) => ({
        orgPath: p.orgPath,
        candidates: p.pool.map(({ cadre }) => ({ cadreId: cadre.id, birthDate: fromDbDate(cadre.birthDate), gender: cadre.gender as "male" | "female", ethnicMinority: cadre.ethnicMinority })),
      })),
    });
  });
