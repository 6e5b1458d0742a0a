import { membershipContract } from "@orgboard/contract-membership";
import { buildAnnualReport } from "../../report/annual.js";
import { procedure } from "../procedure.js";

const c = membershipContract.procedures;

/** The annual party-building report of a subtree (the data layer's report on the counters). */
export const annualReportRoute = procedure("membership.kpi.read", { resource: "orgPath" })
  .input(c.kpi.report.input)
  .output(c.kpi.report.output)
  .query(({ ctx, input }) => buildAnnualReport(ctx.db, input));
