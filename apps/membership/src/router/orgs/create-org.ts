import { membershipContract } from "@orgboard/contract-membership";
import { isOrgPath } from "@orgboard/contracts";
import { adminUnitOf } from "../../domain/admin-unit.js";
import { ALLOWED_PARENT_KINDS, canBeChildOf, childPath, pathDepth } from "../../domain/org-tree.js";
import type { OrgKind } from "../../domain/enums.js";
import type { Violation } from "../../domain/result.js";
import { conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { ORG_COLUMNS, loadOrg, orgView, type OrgRow } from "../records.js";
import { notAfterToday } from "../schemas.js";

const c = membershipContract.procedures;

/** Creates an organization under `parentPath`, following the kind/parent rules of the Party Charter. */
export const createOrgRoute = procedure("membership.organizations.manage", { resource: "parentPath" })
  .input(c.orgs.create.input)
  .output(c.orgs.create.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const parent = input.parentPath === "/" ? null : await loadOrg(tx, input.parentPath, "parentPath", true);
      const path = childPath(input.parentPath, input.code);
      const out: Violation[] = [...notAfterToday(input.openedOn, ctx.today(), "openedOn")];
      const parentKind: OrgKind | null = parent?.kind ?? null;
      if (!canBeChildOf(input.kind, parentKind)) {
        const allowed = ALLOWED_PARENT_KINDS[input.kind].map((k) => k ?? "the Central Committee (/)").join(" or ");
        out.push({ field: "kind", code: "invalid_parent_kind", message: `a ${input.kind} cannot be under ${parentKind ?? "the Central Committee (/)"}; allowed: ${allowed}` });
      }
      if (!isOrgPath(path)) out.push({ field: "code", code: "path_too_long", message: `the path ${input.parentPath}${input.code}/ would be longer than organization paths allow` });
      if (parent && input.openedOn < parent.opened_on) {
        out.push({ field: "openedOn", code: "opened_before_parent", message: `${input.openedOn} is before the parent was founded (${parent.opened_on})` });
      }
      // The unit in the edition in force on the opening date (domain/admin-unit.ts).
      const unit = input.adminUnitCode ? adminUnitOf(input.adminUnitCode, input.openedOn) : null;
      if (unit && !unit.ok) out.push(...unit.violations);
      const edition = unit?.ok ? unit.value.edition : null;
      throwIf(out);
      if (parent?.closed_on) throw conflict("parentPath", "parent_closed", `the parent organization closed on ${parent.closed_on}`);
      const { rows: dup } = await tx.query(`SELECT 1 FROM party_organization WHERE code = $1 OR path = $2`, [input.code, path]);
      if (dup.length > 0) throw conflict("code", "duplicate", `an organization with the code ${input.code} already exists`);
      const { rows } = await tx.query<OrgRow>(
        `INSERT INTO party_organization AS o (parent_id, path, depth, kind, code, name, admin_unit_code, admin_unit_edition, sector, opened_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${ORG_COLUMNS}`,
        [parent?.id ?? null, path, pathDepth(path), input.kind, input.code, input.name, input.adminUnitCode ?? null, edition, input.sector ?? null, input.openedOn],
      );
      const org = orgView(rows[0]!);
      return {
        result: org,
        change: { entity: "PartyOrganization", entityId: org.id, orgPath: org.path, after: org },
        events: [membershipEvent("membership.organization.created", org.path, org.id, { orgId: org.id, kind: org.kind, parentPath: input.parentPath, openedOn: org.openedOn })],
      };
    }),
  );
