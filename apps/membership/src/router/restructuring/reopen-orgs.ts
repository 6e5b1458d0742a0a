import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDateOrNull } from "@orgboard/db";
import { bilingual } from "@orgboard/server-kit";
import { conflict, notFound } from "../errors.js";
import { procedure } from "../procedure.js";
import { commonPath, idempotentStep, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.reopenOrgs;

/**
 * The rollback's compensation of closeOrgs (before the plan's effective date): reopens organizations closed
 * on exactly that date; one closed on another day was not closed by the saga and is refused.
 */
export const reopenOrgsRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "reopenOrgs", async (tx) => {
      const rows = await tx.partyOrganization.findMany({ where: { code: { in: input.codes } } });
      const byCode = new Map(rows.map((o) => [o.code, o]));
      for (const [i, code] of input.codes.entries()) {
        const org = byCode.get(code);
        if (!org) throw notFound(`codes.${i}`, bilingual("không có tổ chức mã này", "no organization with this code"));
        if (fromDbDateOrNull(org.closedOn) !== input.effectiveOn) {
          throw conflict(`codes.${i}`, "not_closed_by_step", bilingual(`${code} không giải thể ngày ${input.effectiveOn}`, `${code} was not closed on ${input.effectiveOn}`));
        }
      }
      await tx.partyOrganization.updateMany({ where: { code: { in: input.codes } }, data: { closedOn: null } });
      return { records: { organizationsReopened: input.codes.length }, orgPath: commonPath(rows.map((o) => o.path)), audit: rows.map((o) => ({ code: o.code, path: o.path })) };
    }),
  );
