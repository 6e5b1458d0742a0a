import { getUnit } from "@orgboard/admin-units";
import { membershipContract } from "@orgboard/contract-membership";
import { bilingual } from "@orgboard/server-kit";
import { invalid } from "../errors.js";
import { procedure } from "../procedure.js";
import { commonPath, idempotentStep, noOpenOrg, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.restoreOrgs;

/**
 * The rollback's compensation of createOrgs' updates (before the plan's effective date): the continuing
 * committees get back the name and unit createOrgs answered in `former`. The unit is checked in the edition
 * given, not on the effective date: a 2024 unit is what these committees were attached to before the reform.
 */
export const restoreOrgsRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "restoreOrgs", async (tx) => {
      const paths: string[] = [];
      for (const [i, o] of input.restore.entries()) {
        if ((o.adminUnitCode === null) !== (o.adminUnitEdition === null)) {
          throw invalid(`restore.${i}.adminUnitEdition`, "unit_edition_pair", bilingual("đơn vị hành chính và phiên bản phải cùng có hoặc cùng trống", "the unit and its edition are both given or both empty"));
        }
        if (o.adminUnitCode !== null && !getUnit(o.adminUnitEdition!, o.adminUnitCode)) {
          throw invalid(`restore.${i}.adminUnitCode`, "unknown_unit", bilingual(`không có đơn vị ${o.adminUnitCode} trong danh mục ${o.adminUnitEdition}`, `no unit ${o.adminUnitCode} in the ${o.adminUnitEdition} edition`));
        }
        const org = await tx.partyOrganization.findFirst({ where: { code: o.code, closedOn: null }, select: { id: true, path: true } });
        if (!org) throw noOpenOrg(`restore.${i}.code`);
        await tx.partyOrganization.update({ where: { id: org.id }, data: { name: o.name, adminUnitCode: o.adminUnitCode, adminUnitEdition: o.adminUnitEdition } });
        paths.push(org.path);
      }
      return { records: { organizationsRestored: input.restore.length }, orgPath: commonPath(paths), audit: input.restore.map((o, i) => ({ ...o, path: paths[i] })) };
    }),
  );
