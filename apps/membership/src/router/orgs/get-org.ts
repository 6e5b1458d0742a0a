import { membershipContract } from "@orgboard/contract-membership";
import { subtreeBounds } from "../../db/paths.js";
import { procedure } from "../procedure.js";
import { loadOrg, orgView } from "../records.js";

const c = membershipContract.procedures;

/** One organization with its child and member counts. */
export const getOrgRoute = procedure("membership.organizations.read", { resource: "orgPath" })
  .input(c.orgs.get.input)
  .output(c.orgs.get.output)
  .query(async ({ ctx, input }) => {
    const org = await loadOrg(ctx.db, input.orgPath);
    const [lo, hi] = subtreeBounds(org.path);
    const { rows } = await ctx.db.query<{ children: number; open_children: number; members: number }>(
      `SELECT (SELECT count(*)::int FROM party_organization WHERE parent_id = $1) AS children,
              (SELECT count(*)::int FROM party_organization WHERE parent_id = $1 AND closed_on IS NULL) AS open_children,
              (SELECT coalesce(sum(net), 0)::int FROM org_member_total WHERE org_path ~>=~ $2 AND org_path ~<~ $3) AS members`,
      [org.id, lo, hi],
    );
    const c = rows[0]!;
    return { ...orgView(org), childCount: c.children, openChildCount: c.open_children, memberTotal: c.members };
  });
