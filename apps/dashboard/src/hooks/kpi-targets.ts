import { useQueries } from "@tanstack/react-query";
import { useApp } from "../context.js";
import { trendYears, unitTargets, type UnitTargets } from "../state/kpi-targets.js";
import { useMarkDownOnError } from "./live.js";

export interface KpiTargets {
  /** The shown unit itself, then each child unit, for `year`. */
  scope: UnitTargets | null;
  units: UnitTargets[];
  /** The shown unit over the trend's years, oldest first (a year that failed to load is left out). */
  trend: UnitTargets[];
  isLoading: boolean;
  error: unknown;
}

/**
 * The NQ 21 targets of a unit and its child units, from membership's annual report (`membership.kpi.report`,
 * one call per unit and year: the report is what the boards file, so the screen and the report agree).
 * Not folded live: the report's figures follow rules only the service knows; reloaded every minute.
 */
export function useKpiTargets(orgPath: string, childPaths: readonly string[], year: number): KpiTargets {
  const { api, health } = useApp();
  const report = (p: string, y: number) => ({
    queryKey: ["membership.kpi.report", p, y],
    queryFn: () => api.query("membership.kpi.report", (c) => c.membership.kpi.report.query({ orgPath: p, year: y })),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  const years = trendYears(year);
  const trend = useQueries({ queries: years.map((y) => report(orgPath, y)) });
  const units = useQueries({ queries: childPaths.map((p) => report(p, year)) });
  const error = [...trend, ...units].find((q) => q.error)?.error ?? null;
  useMarkDownOnError("membership", error, health);
  const current = trend.at(-1)?.data;
  return {
    scope: current ? unitTargets(current) : null,
    units: units.flatMap((q) => (q.data ? [unitTargets(q.data)] : [])),
    trend: trend.flatMap((q) => (q.data ? [unitTargets(q.data)] : [])),
    isLoading: trend.some((q) => q.isLoading) || units.some((q) => q.isLoading),
    error,
  };
}
