import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { canSeeKpi } from "../auth/official.js";
import { useApp } from "../context.js";
import { useOfficial } from "./hooks.js";
import { useSocketReload } from "./live.js";
import { markRefresh, nationalMarkOf, provinceMarksOf, type ProvinceMarks } from "../state/restructuring-marks.js";

// Membership's "đang sắp xếp" notices for panels fed by other services (personnel, conference). Asked only
// for an official who may read membership's organizations (the KPI panels' roles, membership's readers): a
// conference or site operator gets no badge rather than a FORBIDDEN; a failed read shows no badge and does not
// mark membership down. Live for the boards (membership's stream readers): a mark set or lifted in the shown
// unit's subtree (`membership.organization.marked` at the organization's path, contract-membership 2.10) reloads
// the read, debounced; for the others (viewers, officers), whose socket carries no membership event, the read is
// kept a minute.

/**
 * Calls `onChange` (debounced, a burst once) when a mark event for an organization overlapping `orgPath`'s
 * subtree arrives on the socket, and, with `onResync`, when the gateway asks for a snapshot (events missed).
 */
export function useLiveMarks(orgPath: string, onChange: () => void, enabled: boolean, onResync = true) {
  useSocketReload((marks, e) => markRefresh(marks, orgPath, [e]), onChange, enabled, onResync);
}

/** useLiveMarks reloading the queries under `queryKey` (a prefix). */
export function useLiveMarksReload(orgPath: string, queryKey: readonly unknown[], enabled: boolean) {
  const queryClient = useQueryClient();
  const key = JSON.stringify(queryKey);
  useLiveMarks(orgPath, () => void queryClient.invalidateQueries({ queryKey: JSON.parse(key) as unknown[] }), enabled);
}

/** The province committees the official may read, with their notices (membership orgs.list, 2.7). */
function useProvinceCommittees(wanted = true) {
  const { api, config } = useApp();
  const official = useOfficial();
  const enabled = wanted && Boolean(config.services.membership) && canSeeKpi(official);
  // Any province committee the socket hears of (it carries only the official's scope) may change the list's notices.
  useLiveMarksReload("/", ["membership.orgs.list", "provincial_committee"], enabled);
  return useQuery({
    queryKey: ["membership.orgs.list", "provincial_committee"] as const,
    queryFn: () => api.query("membership.orgs.list", (c) => c.membership.orgs.list.query({ kind: "provincial_committee", limit: 200 })),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

/** Province path ("/02/") → notice, for the conference's province tiles and sites (a site's province). */
export function useProvinceMarks(): ProvinceMarks {
  const q = useProvinceCommittees();
  return useMemo(() => provinceMarksOf(q.data?.items ?? []), [q.data]);
}

/**
 * The notice for the unit a panel shows: membership's orgs.get (the organization or part of its subtree
 * marked); for the national scope "/", any province committee marked (orgs.get has no "/").
 */
export function useScopeMark(orgPath: string) {
  const { api, config } = useApp();
  const official = useOfficial();
  const national = orgPath === "/";
  const provinces = useProvinceCommittees(national);
  const enabled = Boolean(config.services.membership) && canSeeKpi(official) && !national;
  useLiveMarksReload(orgPath, ["membership.orgs.get", orgPath], enabled);
  const org = useQuery({
    queryKey: ["membership.orgs.get", orgPath] as const,
    queryFn: () => api.query("membership.orgs.get", (c) => c.membership.orgs.get.query({ orgPath })),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
  return useMemo(() => (national ? nationalMarkOf(provinces.data?.items ?? []) : (org.data?.restructuring ?? null)), [national, provinces.data, org.data]);
}
