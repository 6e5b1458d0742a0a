import { personnelContract } from "@orgboard/contract-personnel";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { registerContract } from "../api/client.js";
import { useApp } from "../context.js";
import type { Watermarks } from "../state/envelope.js";
import { figuresRefresh } from "../state/inspection-state.js";
import { useMarkDownOnError } from "./live.js";

// This module comes with the personnel screen's chunk: so do the contract's schemas that validate its answers.
registerContract(personnelContract);

/** A burst of personnel events (a pool reviewed, a batch of appointments) reloads the figures once. */
export const COVERAGE_REFRESH_DEBOUNCE_MS = 300;

/**
 * `personnel.planning.coverage` of a subtree for a term, reloaded when a personnel event (personnel
 * officers) or a `personnel.figures.changed` notice (the boards) for that subtree arrives on the socket,
 * and when the gateway asks for a snapshot. Not called when the runtime configuration has no personnel
 * service (the panel then says it is unavailable).
 */
export function usePersonnelCoverage(orgPath: string, termStartYear: number) {
  const { api, health, realtime, config } = useApp();
  const configured = Boolean(config.services.personnel);
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ["personnel.planning.coverage", orgPath, termStartYear] as const,
    queryFn: () => api.query("personnel.planning.coverage", (c) => c.personnel.planning.coverage.query({ orgPath, termStartYear })),
    enabled: configured,
    staleTime: Infinity,
  });
  useMarkDownOnError("personnel", q.error, health);

  const marks = useRef<Watermarks>({});
  useEffect(() => {
    if (!configured) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: ["personnel.planning.coverage", orgPath] });
      }, COVERAGE_REFRESH_DEBOUNCE_MS);
    };
    const offEvent = realtime.onEvent((e) => {
      const r = figuresRefresh("personnel", marks.current, orgPath, [e]);
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

  return { configured, coverage: q.data ?? null, error: q.error, isLoading: configured && q.isLoading, updatedAt: q.dataUpdatedAt };
}
