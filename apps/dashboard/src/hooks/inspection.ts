import { inspectionContract } from "@orgboard/contract-inspection";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { registerContract } from "../api/client.js";
import { useApp } from "../context.js";
import type { Watermarks } from "../state/envelope.js";
import { inspectionRefresh } from "../state/inspection-state.js";
import { useMarkDownOnError } from "./live.js";

// This module comes with the inspection screen's chunk: so do the contract's schemas that validate its answers.
registerContract(inspectionContract);

/** A burst of inspection events (a batch of decisions) reloads the report once. */
export const REPORT_REFRESH_DEBOUNCE_MS = 300;

/**
 * `inspection.report.annual` of a subtree for a year, reloaded when an inspection event or a
 * `inspection.figures.changed` notice for that subtree arrives on the socket (whichever the official's
 * role gets, see docs/realtime.md), and when the gateway asks for a snapshot. Null when the runtime
 * configuration has no inspection service (the panel then says it is unavailable).
 */
export function useInspectionReport(orgPath: string, year: number) {
  const { api, health, realtime, config } = useApp();
  const configured = Boolean(config.services.inspection);
  const queryClient = useQueryClient();
  const key = ["inspection.report.annual", orgPath, year] as const;
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.query("inspection.report.annual", (c) => c.inspection.report.annual.query({ orgPath, year })),
    enabled: configured,
    staleTime: Infinity,
  });
  useMarkDownOnError("inspection", q.error, health);

  const marks = useRef<Watermarks>({});
  useEffect(() => {
    if (!configured) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: ["inspection.report.annual", orgPath] });
      }, REPORT_REFRESH_DEBOUNCE_MS);
    };
    const offEvent = realtime.onEvent((e) => {
      const r = inspectionRefresh(marks.current, orgPath, [e]);
      marks.current = r.marks;
      if (r.refresh) reload();
    });
    const offResync = realtime.onResync(reload);
    return () => {
      offEvent();
      offResync();
      if (timer !== null) clearTimeout(timer);
    };
  }, [configured, orgPath, queryClient, realtime]);

  return { configured, report: (q.data ?? null), error: q.error, isLoading: configured && q.isLoading, updatedAt: q.dataUpdatedAt };
}

/** The organizations directly under `orgPath`, from membership (the tree the dashboard already reads). */
export function useChildOrgs(orgPath: string) {
  const { api, config } = useApp();
  return useQuery({
    queryKey: ["membership.orgs.children", orgPath],
    queryFn: () => api.query("membership.orgs.children", (c) => c.membership.orgs.children.query({ orgPath, limit: 200 })),
    enabled: Boolean(config.services.membership),
    staleTime: 60_000,
  });
}
