import { restructuringContract } from "@orgboard/contract-restructuring";
import { useQuery } from "@tanstack/react-query";
import { registerContract } from "../api/client.js";
import { useApp } from "../context.js";
import { useLiveFiguresReload, useMarkDownOnError } from "./live.js";

// This module comes with the restructuring screen's chunk: so do the contract's schemas that validate its answers.
registerContract(restructuringContract);

/**
 * `restructuring.runs.list` and `restructuring.runs.get` of the picked plan, reloaded (debounced) when a
 * restructuring event (`restructuring.step.done`, `restructuring.province.done`, `…run.started`, …) for the
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
