import { membershipContract } from "@orgboard/contract-membership";
import { foldedContains, foldSql } from "@orgboard/locale-vi";
import { procedure } from "../procedure.js";
import { ORG_COLUMNS, orgView, type OrgRow } from "../records.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { Params, inSubtrees } from "../sql.js";
import { listScope } from "../scope.js";

const c = membershipContract.procedures;

/** Organizations of a subtree (or of the caller's whole scope), in path order: parents before children. */
export const listOrgsRoute = procedure("membership.organizations.read")
  .input(c.orgs.list.input)
  .output(c.orgs.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const after = decodeCursor(input.cursor, ["string"] as const);
    const p = new Params();
    const where = [inSubtrees("o.path", scope, p)];
    if (input.kind) where.push(`o.kind = ${p.add(input.kind)}`);
    if (!input.includeClosed) where.push("o.closed_on IS NULL");
    if (input.search) {
      const pattern = p.add(foldedContains(input.search));
      where.push(`(${foldSql("o.name", p)} LIKE ${pattern} OR lower(o.code) LIKE ${pattern})`);
    }
    if (after) where.push(`o.path ~>~ ${p.add(after[0])}`);
    const { rows } = await ctx.db.query<OrgRow>(
      `SELECT ${ORG_COLUMNS} FROM party_organization o WHERE ${where.join(" AND ")} ORDER BY o.path COLLATE "C" LIMIT ${input.limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, input.limit);
    return { items: page.map(orgView), nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.path]) : null };
  });
