import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { canSeeKpi } from "../auth/official.js";
import { useApp } from "../context.js";
import { useOfficial } from "./hooks.js";
import { nationalMarkOf, provinceMarksOf, type ProvinceMarks } from "../state/restructuring-marks.js";

// Membership's "đang sắp xếp" notices for panels fed by other services (personnel, conference). Asked only
// for an official who may read membership's organizations (the KPI panels' roles, membership's readers): a
// conference or site operator gets no badge rather than a FORBIDDEN; a failed read shows no badge and does not
// mark membership down. Not live: read with the panel, kept a minute (like inspection's units).

/** The province committees the official may read, with their notices (membership orgs.list, 2.7). */
function useProvinceCommittees(wanted = true) {
  const { api, config } = useApp();
  const official = useOfficial();
  return useQuery({
    queryKey: ["membership.orgs.list", "provincial_committee"] as const,
    queryFn: () => api.query("membership.orgs.list", (c) => c.membership.orgs.list.query({ kind: "provincial_committee", limit: 200 })),
    enabled: wanted && Boolean(config.services.membership) && canSeeKpi(official),
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
  const org = useQuery({
    queryKey: ["membership.orgs.get", orgPath] as const,
    queryFn: () => api.query("membership.orgs.get", (c) => c.membership.orgs.get.query({ orgPath })),
    enabled: Boolean(config.services.membership) && canSeeKpi(official) && !national,
    staleTime: 60_000,
    retry: false,
  });
  return useMemo(() => (national ? nationalMarkOf(provinces.data?.items ?? []) : (org.data?.restructuring ?? null)), [national, provinces.data, org.data]);
}
