import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { ContractError } from "../api/client.js";
import { conferenceSummarySchema, liveSnapshotSchema } from "../api/conference-schemas.js";
import { kpiSummarySchema } from "../api/membership-schemas.js";
import { pageSchema } from "@orgboard/contracts";
import { useApp } from "../context.js";
import { foldConferenceEvents, fromSnapshot, type ConferenceState } from "../state/conference-state.js";
import { eventSource } from "../state/envelope.js";
import { foldKpiEvents, kpiFromSnapshot, type KpiState } from "../state/kpi-state.js";
import { LiveStore } from "../state/live-store.js";

const conferencePage = pageSchema(conferenceSummarySchema);

export function useConferenceList() {
  const { api, health } = useApp();
  const q = useQuery({
    queryKey: ["conference.conferences.list"],
    queryFn: () => api.query("conference.conferences.list", { limit: 50 }, conferencePage),
    refetchInterval: 30_000,
  });
  useMarkDownOnError("conference", q.error, health);
  return q;
}

function useMarkDownOnError(service: string, error: unknown, health: ReturnType<typeof useApp>["health"]) {
  useEffect(() => {
    // A contract mismatch is our problem, not the service being down: the panel shows the error instead.
    if (error && !(error instanceof ContractError)) health.markDown(service);
  }, [error, health, service]);
}

/**
 * Snapshot over tRPC + live events from the socket, folded by id (see state/). When socket.io could not
 * recover missed packets after a reconnect, the snapshot is reloaded and the stream continues from it.
 */
function useLive<S, Snap>(opts: {
  service: string;
  queryKey: readonly unknown[];
  enabled: boolean;
  load: () => Promise<Snap>;
  toState: (s: Snap) => S;
  fold: (s: S, events: Parameters<typeof foldConferenceEvents>[1]) => S;
}) {
  const { realtime, health } = useApp();
  const key = JSON.stringify(opts.queryKey);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new store per subject (key), not per render
  const store = useMemo(() => new LiveStore<S>(opts.fold), [key]);
  const q = useQuery({ queryKey: opts.queryKey, queryFn: opts.load, enabled: opts.enabled, staleTime: Infinity, refetchOnWindowFocus: false });
  useMarkDownOnError(opts.service, q.error, health);
  const { service, toState } = opts;
  useEffect(() => realtime.onEvent((e) => eventSource(e.type) === service && store.push(e)), [realtime, store, service]);
  useEffect(() => {
    if (q.data) store.setSnapshot(toState(q.data));
  }, [q.data, store, toState]);
  const { refetch } = q;
  useEffect(() => realtime.onResync(() => void refetch()), [realtime, refetch]);
  useEffect(() => () => store.dispose(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return { state, error: q.error, isLoading: q.isLoading };
}

export function useLiveConference(conferenceId: string | null): {
  state: ConferenceState | null;
  error: unknown;
  isLoading: boolean;
} {
  const { api } = useApp();
  return useLive({
    service: "conference",
    queryKey: ["conference.live.snapshot", conferenceId],
    enabled: conferenceId !== null,
    load: () => api.query("conference.live.snapshot", { conferenceId }, liveSnapshotSchema),
    toState: fromSnapshot,
    fold: foldConferenceEvents,
  });
}

export function useLiveKpi(orgPath: string, year: number): { state: KpiState | null; error: unknown; isLoading: boolean } {
  const { api } = useApp();
  return useLive({
    service: "membership",
    queryKey: ["membership.kpi.summary", orgPath, year],
    enabled: true,
    load: () => api.query("membership.kpi.summary", { orgPath, year }, kpiSummarySchema),
    toState: kpiFromSnapshot,
    fold: foldKpiEvents,
  });
}
