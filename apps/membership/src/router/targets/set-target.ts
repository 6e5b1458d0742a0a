import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDateOrNull } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { conflict } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { findOrg } from "../records.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Sets (or replaces) the admissions plan of an organization's subtree for a year. */
export const setTargetRoute = procedure("membership.targets.set", { resource: "orgPath" })
  .input(c.targets.set.input)
  .output(c.targets.set.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      // The organization's row lock serializes two boards setting the same year's plan.
      const org = await findOrg(tx, input.orgPath, "orgPath", true);
      const closedOn = fromDbDateOrNull(org.closedOn);
      if (closedOn && closedOn < `${input.year}-01-01`) throw conflict("orgPath", "closed", bilingual(`tổ chức đảng đã giải thể ngày ${closedOn}, trước năm ${input.year}`, `the organization closed on ${closedOn}, before ${input.year}`));
      const key = { orgId_year: { orgId: org.id, year: input.year } };
      const previous = (await tx.target.findUnique({ where: key, select: { admissionsPlan: true } }))?.admissionsPlan ?? null;
      await tx.target.upsert({
        where: key,
        create: { orgId: org.id, orgPath: org.path, year: input.year, admissionsPlan: input.admissionsPlan },
        update: { admissionsPlan: input.admissionsPlan },
      });
      const result = { orgPath: org.path, orgId: org.id, year: input.year, admissionsPlan: input.admissionsPlan, previous };
      await recordCallerChange(tx, ctx, {
        entity: "Target",
        entityId: `${org.id}:${input.year}`,
        orgPath: org.path,
        before: previous === null ? null : { admissionsPlan: previous },
        after: result,
        events: [membershipEvent("membership.target.set", org.path, `${org.id}:${input.year}`, { year: input.year, admissions: input.admissionsPlan, previous })],
      });
      return result;
    }),
  );
