import { membershipContract } from "@orgboard/contract-membership";
import { isOrgPath } from "@orgboard/contracts";
import { fromDbDate, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { adminUnitOf } from "../../domain/admin-unit.js";
import { ALLOWED_PARENT_KINDS, canBeChildOf, childPath, pathDepth } from "../../domain/org-tree.js";
import type { OrgKind } from "../../domain/enums.js";
import type { Violation } from "../../domain/result.js";
import { conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findOrg, orgViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Creates an organization under `parentPath`, following the kind/parent rules of the Party Charter. */
export const createOrgRoute = procedure("membership.organizations.manage", { resource: "parentPath" })
  .input(c.orgs.create.input)
  .output(c.orgs.create.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const parent = input.parentPath === "/" ? null : await findOrg(tx, input.parentPath, "parentPath", true);
      const parentOpenedOn = parent ? fromDbDate(parent.openedOn) : null;
      const path = childPath(input.parentPath, input.code);
      const out: Violation[] = [...notAfterToday(input.openedOn, ctx.today(), "openedOn")];
      const parentKind = (parent?.kind ?? null) as OrgKind | null;
      if (!canBeChildOf(input.kind, parentKind)) {
        const allowed = ALLOWED_PARENT_KINDS[input.kind].map((k) => k ?? "the Central Committee (/)").join(" or ");
        const allowedVi = ALLOWED_PARENT_KINDS[input.kind].map((k) => k ?? "Ban Chấp hành Trung ương (/)").join(" hoặc ");
        out.push({
          field: "kind",
          code: "invalid_parent_kind",
          message: bilingual(
            `${input.kind} không thể trực thuộc ${parentKind ?? "Ban Chấp hành Trung ương (/)"}; được phép: ${allowedVi}`,
            `a ${input.kind} cannot be under ${parentKind ?? "the Central Committee (/)"}; allowed: ${allowed}`,
          ),
        });
      }
      if (!isOrgPath(path)) out.push({ field: "code", code: "path_too_long", message: bilingual(`đường dẫn ${input.parentPath}${input.code}/ dài hơn mức cho phép của đường dẫn tổ chức`, `the path ${input.parentPath}${input.code}/ would be longer than organization paths allow`) });
      if (parentOpenedOn !== null && input.openedOn < parentOpenedOn) {
        out.push({ field: "openedOn", code: "opened_before_parent", message: bilingual(`${input.openedOn} trước ngày thành lập tổ chức cấp trên (${parentOpenedOn})`, `${input.openedOn} is before the parent was founded (${parentOpenedOn})`) });
      }
      // The unit in the edition in force on the opening date (domain/admin-unit.ts).
      const unit = input.adminUnitCode ? adminUnitOf(input.adminUnitCode, input.openedOn) : null;
      if (unit && !unit.ok) out.push(...unit.violations);
      const edition = unit?.ok ? unit.value.edition : null;
      throwIf(out);
      if (parent?.closedOn) throw conflict("parentPath", "parent_closed", bilingual(`tổ chức cấp trên đã giải thể ngày ${fromDbDate(parent.closedOn)}`, `the parent organization closed on ${fromDbDate(parent.closedOn)}`));
      // Codes are unique nationally (paths are built from them); the refusal names only the caller's own input.
      const dup = await tx.partyOrganization.findFirst({ where: { OR: [{ code: input.code }, { path }] }, select: { id: true } });
      if (dup) throw conflict("code", "duplicate", bilingual(`đã có tổ chức đảng mang mã ${input.code}`, `an organization with the code ${input.code} already exists`));
      const row = await tx.partyOrganization.create({
        data: {
          parentId: parent?.id ?? null,
          path,
          depth: pathDepth(path),
          kind: input.kind,
          code: input.code,
          name: input.name,
          adminUnitCode: input.adminUnitCode ?? null,
          adminUnitEdition: edition,
          sector: input.sector ?? null,
          openedOn: toDbDate(input.openedOn),
        },
      });
      const org = orgViewOf(row);
      await recordCallerChange(tx, ctx, {
        entity: "PartyOrganization",
        entityId: org.id,
        orgPath: org.path,
        after: org,
        events: [membershipEvent("membership.organization.created", org.path, org.id, { orgId: org.id, kind: org.kind, parentPath: input.parentPath, openedOn: org.openedOn })],
      });
      return org;
    }),
  );
