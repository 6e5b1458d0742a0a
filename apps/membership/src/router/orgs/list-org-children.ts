import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { ORG_COLUMNS, loadOrg, orgView, type OrgRow } from "../records.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { Params } from "../sql.js";

const c = membershipContract.procedures;

/** The direct children of an organization (or of the root "/"), by code, with their subtree's member totals. */
export const listOrgChildrenRoute = procedure("membership.organizations.read", { resource: "orgPath" })
  .input(c.orgs.children.input)
  .output(c.orgs.children.output)
  .query(async ({ ctx, input }) => {
    const after = decodeCursor(input.cursor, ["string"] as const);
    const p = new Params();
    const where: string[] = [];
    if (input.orgPath === "/") where.push("o.parent_id IS NULL");
    else where.push(`o.parent_id = ${p.add((await loadOrg(ctx.db, input.orgPath)).id)}`);
    if (!input.includeClosed) where.push("o.closed_on IS NULL");
    if (after) where.push(`o.code COLLATE "C" > ${p.add(after[0])}`);
    const { rows } = await ctx.db.query<OrgRow & { member_total: number }>(
      `SELECT ${ORG_COLUMNS},
              (SELECT coalesce(sum(t.net), 0)::int FROM org_member_total t
                WHERE t.org_path ~>=~ o.path AND t.org_path ~<~ (left(o.path, -1) || '0')) AS member_total
         FROM party_organization o WHERE ${where.join(" AND ")} ORDER BY o.code COLLATE "C" LIMIT ${input.limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((r) => ({ ...orgView(r), memberTotal: r.member_total })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.code]) : null,
    };
  });
