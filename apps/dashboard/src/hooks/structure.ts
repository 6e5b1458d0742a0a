import { useQuery } from "@tanstack/react-query";
import { useApp } from "../context.js";
import { useLiveFiguresReload, useMarkDownOnError } from "./live.js";
import { useLiveMarksReload } from "./restructuring-marks.js";

/**
 * The structure of a unit's subtree today (membership's orgs.structure: organizations open by kind, grassroots
 * organizations, cells under committees, members): what the boards report as "the committee has N grassroots
 * organizations and M members". Reloaded on membership's events (or its figures notice) in the subtree and on
 * a restructuring mark above or in it, so the counts and the "đang sắp xếp" badge follow a move live.
 */
export function useOrgStructure(orgPath: string, enabled: boolean) {
  const { api, health } = useApp();
  const key = ["membership.orgs.structure", orgPath] as const;
  useLiveFiguresReload("membership", orgPath, key, enabled);
  useLiveMarksReload(orgPath, key, enabled);
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.query("membership.orgs.structure", (c) => c.membership.orgs.structure.query({ orgPath })),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
  useMarkDownOnError("membership", q.error, health);
  return q;
}
