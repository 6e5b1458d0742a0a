import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { toPostView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.posts.list;
const LIMIT = 500;

/** The posts of a subtree inside the caller's scope (titles and holders' ids, no file). */
export const listPostsRoute = procedure("personnel.posts.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [] };
    const rows = await ctx.db.post.findMany({
      where: { ...where, ...(input.termStartYear !== undefined ? { termStartYear: input.termStartYear } : {}) },
      orderBy: [{ orgPath: "asc" }, { id: "asc" }],
      take: LIMIT,
      include: { holdings: { where: { endedOn: null } } },
    });
    return { items: rows.map(toPostView) };
  });
