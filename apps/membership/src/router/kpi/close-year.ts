import { membershipContract } from "@orgboard/contract-membership";
import { recordCallerChange } from "@orgboard/events";
import { buildLiveAnnualReport } from "../../report/annual.js";
import { assertYearEnded, closeYear } from "../../report/closed.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";

const c = membershipContract.procedures;

/**
 * Closes a year's annual report of a subtree: the report of now is stored as published (report/closed.ts).
 * The report itself is computed on the raw `Sql` handle (the counters' report, raw by measurement:
 * bench/report.bench.ts) just before the Prisma transaction that stores it with its audit record and event;
 * anything committed in between is shown later as an amendment, as anything committed after the close is.
 */
export const closeYearRoute = procedure("membership.reports.close", { resource: "orgPath" })
  .input(c.kpi.closeYear.input)
  .output(c.kpi.closeYear.output)
  .mutation(async ({ ctx, input }) => {
    assertYearEnded(input.year, ctx.today());
    const live = await buildLiveAnnualReport(ctx.db, input);
    const closedBy = ctx.principal.username ?? ctx.principal.subject;
    return ctx.prisma.$transaction(async (tx) => {
      const { closedOn } = await closeYear(tx, live, closedBy, ctx.today());
      const result = { orgPath: live.orgPath, year: live.year, closedOn, closedBy };
      const id = `${live.orgPath}:${live.year}`;
      await recordCallerChange(tx, ctx, {
        entity: "ClosedYear",
        entityId: id,
        orgPath: live.orgPath,
        after: { ...result, published: live },
        events: [membershipEvent("membership.year.closed", live.orgPath, id, { year: live.year, closedOn })],
      });
      return result;
    });
  });
