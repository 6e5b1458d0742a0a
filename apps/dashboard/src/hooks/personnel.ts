import { personnelContract } from "@orgboard/contract-personnel";
import { useQuery } from "@tanstack/react-query";
import { registerContract } from "../api/client.js";
import { useApp } from "../context.js";
import { useLiveFiguresReload, useMarkDownOnError } from "./live.js";

// This module comes with the personnel screen's chunk: so do the contract's schemas that validate its answers.
registerContract(personnelContract);

/**
 * `personnel.planning.coverage` of a subtree for a term, reloaded when a personnel event (personnel
 * officers) or a `personnel.figures.changed` notice (the boards) for that subtree arrives on the socket,
 * and when the gateway asks for a snapshot. Not called when the runtime configuration has no personnel
 * service (the panel then says it is unavailable).
 */
export function usePersonnelCoverage(orgPath: string, termStartYear: number) {
  const { api, health, config } = useApp();
  const configured = Boolean(config.services.personnel);
  const q = useQuery({
    queryKey: ["personnel.planning.coverage", orgPath, termStartYear] as const,
    queryFn: () => api.query("personnel.planning.coverage", (c) => c.personnel.planning.coverage.query({ orgPath, termStartYear })),
    enabled: configured,
    staleTime: Infinity,
  });
  useMarkDownOnError("personnel", q.error, health);
  useLiveFiguresReload("personnel", orgPath, ["personnel.planning.coverage", orgPath], configured);
  return { configured, coverage: q.data ?? null, error: q.error, isLoading: configured && q.isLoading, updatedAt: q.dataUpdatedAt };
}

// ---- Congress season (issue #13, pers-congress) ----

/**
 * `personnel.congress.season` of a subtree for a term: congresses held / to hold per level (counts), reloaded
 * like the coverage on every personnel event or `personnel.figures.changed` notice for the subtree (a
 * posted result sends `personnel.congress.held`, which the gateway turns into that notice for the boards).
 */
export function useCongressSeason(orgPath: string, termStartYear: number) {
  const { api, health, config } = useApp();
  const configured = Boolean(config.services.personnel);
  const q = useQuery({
    queryKey: ["personnel.congress.season", orgPath, termStartYear] as const,
    queryFn: () => api.query("personnel.congress.season", (c) => c.personnel.congress.season.query({ orgPath, termStartYear })),
    enabled: configured,
    staleTime: Infinity,
  });
  useMarkDownOnError("personnel", q.error, health);
  useLiveFiguresReload("personnel", orgPath, ["personnel.congress.season", orgPath], configured);
  return { configured, season: q.data ?? null, error: q.error, isLoading: configured && q.isLoading };
}

// ---- pers-cadres (#13): confidence-vote outcomes and surplus cadres for the boards' panel ----

/**
 * `personnel.votes.outcomes` of a subtree for a year (sessions held that year, and the year before),
 * reloaded live like the coverage (a `personnel.figures.changed` notice or a personnel event for the subtree).
 */
export function usePersonnelVoteOutcomes(orgPath: string, year: number) {
  const { api, config } = useApp();
  const configured = Boolean(config.services.personnel);
  const q = useQuery({
    queryKey: ["personnel.votes.outcomes", orgPath, year] as const,
    queryFn: () => api.query("personnel.votes.outcomes", (c) => c.personnel.votes.outcomes.query({ orgPath, year })),
    enabled: configured,
    staleTime: Infinity,
  });
  useLiveFiguresReload("personnel", orgPath, ["personnel.votes.outcomes", orgPath], configured);
  return { configured, outcomes: q.data ?? null, error: q.error, isLoading: configured && q.isLoading };
}

/** `personnel.surplus.figures` of a subtree (cadres left surplus by mergers: resolved / total), live. */
export function usePersonnelSurplus(orgPath: string) {
  const { api, config } = useApp();
  const configured = Boolean(config.services.personnel);
  const q = useQuery({
    queryKey: ["personnel.surplus.figures", orgPath] as const,
    queryFn: () => api.query("personnel.surplus.figures", (c) => c.personnel.surplus.figures.query({ orgPath })),
    enabled: configured,
    staleTime: Infinity,
  });
  useLiveFiguresReload("personnel", orgPath, ["personnel.surplus.figures", orgPath], configured);
  return { configured, surplus: q.data ?? null, error: q.error, isLoading: configured && q.isLoading };
}
