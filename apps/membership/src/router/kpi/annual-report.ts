import { membershipContract } from "@orgboard/contract-membership";
import { buildAnnualReport } from "../../report/annual.js";
import { procedure } from "../procedure.js";
import { noticeFor, readMarks } from "../restructuring/notice.js";

const c = membershipContract.procedures;

/** The annual party-building report of a subtree (the data layer's report on the counters). */
export const annualReportRoute = procedure("membership.kpi.read", { resource: "orgPath" })
  .input(c.kpi.report.input)
  .output(c.kpi.report.output)
  .query(async ({ ctx, input }) => {
    const report = await buildAnnualReport(ctx.db, input);
    // One after the other: on PGlite both handles share one connection.
    return { ...report, restructuring: noticeFor(await readMarks(ctx.prisma), input.orgPath, "scope") };
  });
