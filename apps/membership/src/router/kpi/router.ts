import { router } from "../trpc.js";
import { annualReportRoute } from "./annual-report.js";
import { kpiSummaryRoute } from "./kpi-summary.js";

export const kpiRouter = router({ summary: kpiSummaryRoute, report: annualReportRoute });
