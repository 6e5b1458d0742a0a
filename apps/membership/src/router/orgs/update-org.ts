import { membershipContract } from "@orgboard/contract-membership";
import { conflict } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { ORG_COLUMNS, loadOrg, orgView, type OrgRow } from "../records.js";
import { adminUnitOf } from "../../domain/admin-unit.js";
import { throwIf } from "../errors.js";

const c = membershipContract.procedures;

/** Renames an open organization or changes its sector / administrative unit. Path and kind never change here. */
export const updateOrgRoute = procedure("membership.organizations.manage", { resource: "orgPath" })
  .input(c.orgs.update.input)
  .output(c.orgs.update.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const before = await loadOrg(tx, input.orgPath, "orgPath", true);
      if (before.closed_on) throw conflict("orgPath", "closed", `the organization closed on ${before.closed_on}`);
      let edition = before.admin_unit_edition;
      if (input.adminUnitCode !== undefined) {
        // Resolved in the edition in force on the organization's opening date (domain/admin-unit.ts).
        const unit = input.adminUnitCode === null ? null : adminUnitOf(input.adminUnitCode, before.opened_on);
        if (unit && !unit.ok) throwIf(unit.violations);
        edition = unit?.ok ? unit.value.edition : null;
      }
      const next = {
        name: input.name ?? before.name,
        sector: input.sector === undefined ? before.sector : input.sector,
        admin_unit_code: input.adminUnitCode === undefined ? before.admin_unit_code : input.adminUnitCode,
        admin_unit_edition: edition,
      };
      const fields = (["name", "sector", "admin_unit_code"] as const).filter((k) => next[k] !== before[k]);
      const { rows } = await tx.query<OrgRow>(
        `UPDATE party_organization AS o SET name = $2, sector = $3, admin_unit_code = $4, admin_unit_edition = $5, updated_at = now()
          WHERE o.id = $1 RETURNING ${ORG_COLUMNS}`,
        [before.id, next.name, next.sector, next.admin_unit_code, next.admin_unit_edition],
      );
      const org = orgView(rows[0]!);
      const changed = fields.map((f) => (f === "admin_unit_code" ? "adminUnitCode" : f));
      return {
        result: org,
        change: { entity: "PartyOrganization", entityId: org.id, orgPath: org.path, before: orgView(before), after: org },
        events: [membershipEvent("membership.organization.updated", org.path, org.id, { orgId: org.id, fields: changed })],
      };
    }),
  );
