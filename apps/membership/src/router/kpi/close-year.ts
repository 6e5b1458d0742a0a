import { membershipContract } from "@orgboard/contract-membership";
import { buildLiveAnnualReport } from "../../report/annual.js";
import { closeYear } from "../../report/closed.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";

const c = membershipContract.procedures;

/** Closes a year's annual report of a subtree: the report of today is stored as published (report/closed.ts). */
export const closeYearRoute = procedure("membership.reports.close", { resource: "orgPath" })
  .input(c.kpi.closeYear.input)
  .output(c.kpi.closeYear.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const live = await buildLiveAnnualReport(tx, input);
      const closedBy = ctx.principal.username ?? ctx.principal.subject;
      const { closedOn } = await closeYear(tx, live, closedBy, ctx.today());
      const result = { orgPath: live.orgPath, year: live.year, closedOn, closedBy };
      return {
        result,
        change: { entity: "ClosedYear", entityId: `${live.orgPath}:${live.year}`, orgPath: live.orgPath, after: { ...result, published: live } },
        events: [membershipEvent("membership.year.closed", live.orgPath, `${live.orgPath}:${live.year}`, { year: live.year, closedOn })],
      };
    }),
  );
