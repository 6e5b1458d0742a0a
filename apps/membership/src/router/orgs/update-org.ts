import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findOrg, orgViewOf } from "../records.js";
import { adminUnitOf } from "../../domain/admin-unit.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Renames an open organization or changes its sector / administrative unit. Path and kind never change here. */
export const updateOrgRoute = procedure("membership.organizations.manage", { resource: "orgPath" })
  .input(c.orgs.update.input)
  .output(c.orgs.update.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const before = await findOrg(tx, input.orgPath, "orgPath", true);
      if (before.closedOn) throw conflict("orgPath", "closed", bilingual(`tổ chức đảng đã giải thể ngày ${fromDbDate(before.closedOn)}`, `the organization closed on ${fromDbDate(before.closedOn)}`));
      let edition = before.adminUnitEdition;
      if (input.adminUnitCode !== undefined) {
        // Resolved in the edition in force on the organization's opening date (domain/admin-unit.ts).
        const unit = input.adminUnitCode === null ? null : adminUnitOf(input.adminUnitCode, fromDbDate(before.openedOn));
        if (unit && !unit.ok) throwIf(unit.violations);
        edition = unit?.ok ? unit.value.edition : null;
      }
      const next = {
        name: input.name ?? before.name,
        sector: input.sector === undefined ? before.sector : input.sector,
        adminUnitCode: input.adminUnitCode === undefined ? before.adminUnitCode : input.adminUnitCode,
        adminUnitEdition: edition,
      };
      const fields = (["name", "sector", "adminUnitCode"] as const).filter((k) => next[k] !== before[k]);
      const row = await tx.partyOrganization.update({ where: { id: before.id }, data: next });
      const org = orgViewOf(row);
      await recordCallerChange(tx, ctx, {
        entity: "PartyOrganization",
        entityId: org.id,
        orgPath: org.path,
        before: orgViewOf(before),
        after: org,
        events: [membershipEvent("membership.organization.updated", org.path, org.id, { orgId: org.id, fields: [...fields] })],
      });
      return org;
    }),
  );
