import { membershipContract, type FormerOrg } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { bilingual } from "@orgboard/server-kit";
import { adminUnitOf } from "../../domain/admin-unit.js";
import type { OrgKind } from "../../domain/enums.js";
import { canBeChildOf, childPath, pathDepth } from "../../domain/org-tree.js";
import { conflict, invalid, notFound } from "../errors.js";
import { procedure } from "../procedure.js";
import { commonPath, idempotentStep, noOpenOrg, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.createOrgs;

/**
 * The committees of the new units: created (opened on the effective date, under the parent named, a parent
 * before its children) and continuing ones renamed and attached to their new unit. One transaction.
 */
export const createOrgsRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "createOrgs", async (tx) => {
      const paths: string[] = [];
      for (const [i, o] of input.create.entries()) {
        const field = `create.${i}`;
        const parent = o.parentCode === null ? null : await tx.partyOrganization.findUnique({ where: { code: o.parentCode } });
        if (o.parentCode !== null && !parent) throw notFound(`${field}.parentCode`, bilingual("không có tổ chức cha này", "no such parent organization"));
        if (parent?.closedOn) throw conflict(`${field}.parentCode`, "parent_closed", bilingual("tổ chức cha đã giải thể", "the parent organization is closed"));
        if (!canBeChildOf(o.kind, (parent?.kind ?? null) as OrgKind | null)) throw invalid(`${field}.kind`, "invalid_parent_kind", bilingual(`${o.kind} không thể trực thuộc ${parent?.kind ?? "/"}`, `a ${o.kind} cannot be under ${parent?.kind ?? "/"}`));
        const unit = adminUnitOf(o.adminUnitCode, input.effectiveOn, `${field}.adminUnitCode`);
        if (!unit.ok) throw invalid(`${field}.adminUnitCode`, unit.violations[0]!.code, unit.violations[0]!.message);
        if (await tx.partyOrganization.findUnique({ where: { code: o.code }, select: { id: true } })) {
          throw conflict(`${field}.code`, "duplicate", bilingual(`đã có tổ chức mã ${o.code}`, `an organization with the code ${o.code} already exists`));
        }
        const path = childPath(parent?.path ?? "/", o.code);
        await tx.partyOrganization.create({
          data: { parentId: parent?.id ?? null, path, depth: pathDepth(path), kind: o.kind, code: o.code, name: o.name, adminUnitCode: o.adminUnitCode, adminUnitEdition: unit.value.edition, openedOn: toDbDate(input.effectiveOn) },
        });
        paths.push(path);
      }
      // What each updated committee was (answered and stored with the key: a rollback restores it, restoreOrgs).
      const former: FormerOrg[] = [];
      for (const [i, u] of input.update.entries()) {
        const unit = adminUnitOf(u.adminUnitCode, input.effectiveOn, `update.${i}.adminUnitCode`);
        if (!unit.ok) throw invalid(`update.${i}.adminUnitCode`, unit.violations[0]!.code, unit.violations[0]!.message);
        const org = await tx.partyOrganization.findFirst({ where: { code: u.code, closedOn: null }, select: { id: true, name: true, adminUnitCode: true, adminUnitEdition: true } });
        if (!org) throw noOpenOrg(`update.${i}.code`);
        former.push({ code: u.code, name: org.name, adminUnitCode: org.adminUnitCode, adminUnitEdition: org.adminUnitEdition as FormerOrg["adminUnitEdition"] });
        await tx.partyOrganization.update({ where: { id: org.id }, data: { name: u.name, adminUnitCode: u.adminUnitCode, adminUnitEdition: unit.value.edition } });
      }
      return {
        records: { organizationsCreated: input.create.length, organizationsUpdated: input.update.length },
        extra: { former },
        orgPath: commonPath(paths),
        audit: { created: input.create.map((o, i) => ({ ...o, path: paths[i] })), updated: input.update.map((u, i) => ({ ...u, before: former[i] })) },
      };
    }),
  );
