import { membershipContract } from "@orgboard/contract-membership";
import { conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { ORG_COLUMNS, loadOrg, orgView, type OrgRow } from "../records.js";
import { notAfterToday } from "../schemas.js";

const c = membershipContract.procedures;

/**
 * Closes (dissolves) an organization. Refused while anything still lives in it: open child
 * organizations, active members, transfers in progress to or from it (members are never left in a closed
 * organization; move them first with transfers).
 */
export const closeOrgRoute = procedure("membership.organizations.manage", { resource: "orgPath" })
  .input(c.orgs.close.input)
  .output(c.orgs.close.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const before = await loadOrg(tx, input.orgPath, "orgPath", true);
      if (before.closed_on) throw conflict("orgPath", "already_closed", `the organization closed on ${before.closed_on}`);
      const early = input.closedOn < before.opened_on ? [{ field: "closedOn", code: "closed_before_opened", message: `${input.closedOn} is before the organization was founded (${before.opened_on})` }] : [];
      throwIf([...notAfterToday(input.closedOn, ctx.today(), "closedOn"), ...early]);
      const { rows: c } = await tx.query<{ children: number; members: number; transfers: number }>(
        `SELECT (SELECT count(*)::int FROM party_organization WHERE parent_id = $1 AND closed_on IS NULL) AS children,
                (SELECT count(*)::int FROM member WHERE org_id = $1 AND status IN ('probationary', 'official')) AS members,
                (SELECT count(*)::int FROM transfer WHERE (from_org_id = $1 OR to_org_id = $1) AND status IN ('requested', 'issued')) AS transfers`,
        [before.id],
      );
      const counts = c[0]!;
      if (counts.children > 0) throw conflict("orgPath", "has_open_children", `${counts.children} organization(s) under it are still open: close or move them first`);
      if (counts.members > 0) throw conflict("orgPath", "has_members", `${counts.members} member(s) still belong to it: transfer them first`);
      if (counts.transfers > 0) throw conflict("orgPath", "has_open_transfers", `${counts.transfers} transfer(s) to or from it are in progress`);
      const { rows } = await tx.query<OrgRow>(`UPDATE party_organization AS o SET closed_on = $2, updated_at = now() WHERE o.id = $1 RETURNING ${ORG_COLUMNS}`, [before.id, input.closedOn]);
      const org = orgView(rows[0]!);
      return {
        result: org,
        change: { entity: "PartyOrganization", entityId: org.id, orgPath: org.path, before: orgView(before), after: org },
        events: [membershipEvent("membership.organization.closed", org.path, org.id, { orgId: org.id, closedOn: input.closedOn })],
      };
    }),
  );
