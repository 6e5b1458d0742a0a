import { personnelContract } from "@orgboard/contract-personnel";
import { restructuringContract } from "@orgboard/contract-restructuring";
import { useQueries, useQuery } from "@tanstack/react-query";
import { registerContract } from "../api/client.js";
import { useApp } from "../context.js";
import { useLiveFiguresReload, useMarkDownOnError } from "./live.js";

// This module comes with the restructuring screen's chunk: so do the contract's schemas that validate its answers.
registerContract(restructuringContract);
// The surplus column reads personnel's figures.
registerContract(personnelContract);

/**
 * `restructuring.runs.list` and `restructuring.runs.get` of the picked plan, reloaded (debounced) when a
 * restructuring event (`restructuring.step.done`, `…step.failed`, `restructuring.province.done`, `…run.started`, …) for the
 * official's units arrives on the socket, and when the gateway asks for a snapshot. Not called when the runtime
 * configuration has no restructuring service (the panel then says so).
 */
export function useRestructuringRuns(orgPath: string) {
  const { api, health, config } = useApp();
  const configured = Boolean(config.services.restructuring);
  const q = useQuery({
    queryKey: ["restructuring.runs", "list"] as const,
    queryFn: () => api.query("restructuring.runs.list", (c) => c.restructuring.runs.list.query({ limit: 20 })),
    enabled: configured,
    staleTime: Infinity,
  });
  useMarkDownOnError("restructuring", q.error, health);
  useLiveFiguresReload("restructuring", orgPath, ["restructuring.runs"], configured);
  return { configured, runs: q.data?.runs ?? null, error: q.error, isLoading: configured && q.isLoading };
}

export function useRestructuringRun(planId: string | null) {
  const { api, health, config } = useApp();
  const configured = Boolean(config.services.restructuring);
  const q = useQuery({
    queryKey: ["restructuring.runs", "get", planId] as const,
    queryFn: () => api.query("restructuring.runs.get", (c) => c.restructuring.runs.get.query({ planId: planId! })),
    enabled: configured && planId !== null,
    staleTime: Infinity,
  });
  useMarkDownOnError("restructuring", q.error, health);
  return { run: q.data ?? null, error: q.error, isLoading: configured && planId !== null && q.isLoading, updatedAt: q.dataUpdatedAt };
}

/**
 * Personnel's `surplus.figures` (resolved / total) for each of a province's paths (`provincePaths`), under the
 * same query keys as the personnel screen's. Reloaded when a personnel event or notice arrives for the
 * official's units (a case recorded or closed) and when a restructuring event does (a rekey moved the cases).
 * Not called when personnel is not configured; a refusal (a role without `personnel.reports.read`) is an error.
 */
export function useSurplusPlaced(paths: readonly string[]) {
  const { api, config } = useApp();
  const configured = Boolean(config.services.personnel);
  const results = useQueries({
    queries: paths.map((orgPath) => ({
      queryKey: ["personnel.surplus.figures", orgPath] as const,
      queryFn: () => api.query("personnel.surplus.figures", (c) => c.personnel.surplus.figures.query({ orgPath })),
      enabled: configured,
      staleTime: Infinity,
    })),
  });
  useLiveFiguresReload("personnel", "/", ["personnel.surplus.figures"], configured);
  useLiveFiguresReload("restructuring", "/", ["personnel.surplus.figures"], configured);
  return { configured, figures: results.map((r) => r.data ?? null), error: results.find((r) => r.error)?.error ?? null };
}
