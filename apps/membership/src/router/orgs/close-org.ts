import { membershipContract } from "@orgboard/contract-membership";
import { conflict, throwIf } from "../errors.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadOrg, orgView } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { closeOrganization, orgContents } from "./org-ops.js";

const c = membershipContract.procedures;

// Still on mutate() and the raw `Sql` handle: closeOrganization/orgContents (org-ops.ts) are also what
// applies a dissolution decided in inspection, inside the decision consumer's batch transaction, which is
// an `Sql` transaction (src/decisions/). They move to Prisma together, with the consumer.

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
      const counts = await orgContents(tx, before.id);
      if (counts.children > 0) throw conflict("orgPath", "has_open_children", `${counts.children} organization(s) under it are still open: close or move them first`);
      if (counts.members > 0) throw conflict("orgPath", "has_members", `${counts.members} member(s) still belong to it: transfer them first`);
      if (counts.transfers > 0) throw conflict("orgPath", "has_open_transfers", `${counts.transfers} transfer(s) to or from it are in progress`);
      const { row, change, event } = await closeOrganization(tx, before, input.closedOn);
      return { result: orgView(row), change, events: [event] };
    }),
  );
