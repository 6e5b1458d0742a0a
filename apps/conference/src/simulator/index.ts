// The conference simulator: plays a realistic quarterly conference end to end through the real API.
// The CLI calls `simulateConference` for `pnpm orgboard simulate conference --sites 67 --speed 10x`.
export { simulateConference, parseSpeed, type SimulateConferenceOptions, type SimulationProgress, type SimulationReport, type SimulatorActor } from "./run.js";
export { planConference, DOCUMENTS, type Action, type ConferencePlan, type PlanOptions } from "./plan.js";
export { buildSites, topLevelSites, CENTRAL_COMMITTEES, type SiteSpec } from "./sites.js";
