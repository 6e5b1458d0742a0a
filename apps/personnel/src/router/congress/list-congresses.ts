import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { procedure } from "../procedure.js";
import { toCongressView, withCandidates } from "./view.js";

const c = personnelContract.procedures.congress.list;
const LIMIT = 500;

/** The congresses of a subtree inside the caller's scope, with candidate lists (cadre ids, no file). */
export const listCongressesRoute = procedure("personnel.congress.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [] };
    const rows = await ctx.db.congress.findMany({
      where: { ...where, ...(input.termStartYear !== undefined ? { termStartYear: input.termStartYear } : {}) },
      orderBy: [{ orgPath: "asc" }, { termStartYear: "asc" }],
      take: LIMIT,
      include: withCandidates,
    });
    return { items: rows.map(toCongressView) };
  });
