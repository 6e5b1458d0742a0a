import { membershipContract } from "@orgboard/contract-membership";
import { conflict } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadOrg } from "../records.js";

const c = membershipContract.procedures;

/** Sets (or replaces) the admissions plan of an organization's subtree for a year. */
export const setTargetRoute = procedure("membership.targets.set", { resource: "orgPath" })
  .input(c.targets.set.input)
  .output(c.targets.set.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const org = await loadOrg(tx, input.orgPath, "orgPath", true);
      if (org.closed_on && org.closed_on < `${input.year}-01-01`) throw conflict("orgPath", "closed", `the organization closed on ${org.closed_on}, before ${input.year}`);
      const { rows: prev } = await tx.query<{ admissions_plan: number }>(`SELECT admissions_plan FROM target WHERE org_id = $1 AND year = $2 FOR UPDATE`, [org.id, input.year]);
      const previous = prev[0]?.admissions_plan ?? null;
      await tx.query(
        `INSERT INTO target (org_id, org_path, year, admissions_plan) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, year) DO UPDATE SET admissions_plan = EXCLUDED.admissions_plan`,
        [org.id, org.path, input.year, input.admissionsPlan],
      );
      const result = { orgPath: org.path, orgId: org.id, year: input.year, admissionsPlan: input.admissionsPlan, previous };
      return {
        result,
        change: { entity: "Target", entityId: `${org.id}:${input.year}`, orgPath: org.path, before: previous === null ? null : { admissionsPlan: previous }, after: result },
        events: [membershipEvent("membership.target.set", org.path, `${org.id}:${input.year}`, { year: input.year, admissions: input.admissionsPlan, previous })],
      };
    }),
  );
