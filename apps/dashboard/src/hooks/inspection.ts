import { inspectionContract } from "@orgboard/contract-inspection";
import { useQuery } from "@tanstack/react-query";
import { registerContract } from "../api/client.js";
import { useApp } from "../context.js";
import { useLiveFiguresReload, useMarkDownOnError } from "./live.js";
import { useLiveMarksReload } from "./restructuring-marks.js";

// This module comes with the inspection screen's chunk: so do the contract's schemas that validate its answers.
registerContract(inspectionContract);

/**
 * `inspection.report.annual` of a subtree for a year, reloaded when an inspection event or a
 * `inspection.figures.changed` notice for that subtree arrives on the socket (whichever the official's
 * role gets, see docs/realtime.md), and when the gateway asks for a snapshot. Null when the runtime
 * configuration has no inspection service (the panel then says it is unavailable).
 */
export function useInspectionReport(orgPath: string, year: number) {
  const { api, health, config } = useApp();
  const configured = Boolean(config.services.inspection);
  const key = ["inspection.report.annual", orgPath, year] as const;
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.query("inspection.report.annual", (c) => c.inspection.report.annual.query({ orgPath, year })),
    enabled: configured,
    staleTime: Infinity,
  });
  useMarkDownOnError("inspection", q.error, health);
  useLiveFiguresReload("inspection", orgPath, ["inspection.report.annual", orgPath], configured);
  return { configured, report: (q.data ?? null), error: q.error, isLoading: configured && q.isLoading, updatedAt: q.dataUpdatedAt };
}

/** The organizations directly under `orgPath`, from membership (the tree the dashboard already reads). */
export function useChildOrgs(orgPath: string) {
  const { api, config } = useApp();
  const enabled = Boolean(config.services.membership);
  // Each unit's "đang sắp xếp" badge follows the marks in the shown subtree live (the boards' sockets carry them).
  useLiveMarksReload(orgPath, ["membership.orgs.children", orgPath], enabled);
  return useQuery({
    queryKey: ["membership.orgs.children", orgPath],
    queryFn: () => api.query("membership.orgs.children", (c) => c.membership.orgs.children.query({ orgPath, limit: 200 })),
    enabled,
    staleTime: 60_000,
  });
}
