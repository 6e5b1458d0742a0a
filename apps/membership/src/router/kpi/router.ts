import { router } from "../trpc.js";
import { annualReportRoute } from "./annual-report.js";
import { closeYearRoute } from "./close-year.js";
import { kpiSummaryRoute } from "./kpi-summary.js";

export const kpiRouter = router({ summary: kpiSummaryRoute, report: annualReportRoute, closeYear: closeYearRoute });
