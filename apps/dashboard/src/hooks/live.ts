import type { SiteView } from "@orgboard/contract-conference";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { ContractError, type Api } from "../api/client.js";
import type { HealthMonitor } from "../api/health.js";
import { useApp } from "../context.js";
import { foldConferenceEvents, fromSnapshot, withProvinces, withSites, type ConferenceState } from "../state/conference-state.js";
import { eventSource, figuresRefresh, type EventEnvelope, type Watermarks } from "../state/envelope.js";
import { foldKpiEvents, kpiFromSnapshot, type KpiState } from "../state/kpi-state.js";
import { LiveStore } from "../state/live-store.js";
import { markRefresh } from "../state/restructuring-marks.js";

/** Up to this many sites, every site is loaded and drawn as a tile; above it, provinces with drill-down. */
export const TILE_LIMIT = 300;

export function useConferenceList() {
  const { api, health } = useApp();
  const q = useQuery({
    queryKey: ["conference.list"],
    queryFn: () => api.query("conference.list", (c) => c.conference.list.query({ limit: 50 })),
    refetchInterval: 30_000,
  });
  useMarkDownOnError("conference", q.error, health);
  return q;
}

export function useMarkDownOnError(service: string, error: unknown, health: HealthMonitor) {
  useEffect(() => {
    // A contract mismatch is our problem, not the service being down: the panel shows the error instead.
    // So is an answer from the service (4xx, e.g. NOT_FOUND for a unit with no data): it is up.
    const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
    if (error && !(error instanceof ContractError) && !(status !== undefined && status < 500)) health.markDown(service);
  }, [error, health, service]);
}

/** Every page of `conference.sites.list` (200 a page) for the conference, or one province of it. */
async function allSites(api: Api, conferenceId: string, orgPath?: string): Promise<SiteView[]> {
  const out: SiteView[] = [];
  let cursor: string | null = null;
  do {
    const input = { conferenceId, limit: 200, cursor, ...(orgPath ? { orgPath } : {}) };
    const page: { items: SiteView[]; nextCursor: string | null } = await api.query("conference.sites.list", (c) => c.conference.sites.list.query(input));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function loadConference(api: Api, conferenceId: string): Promise<ConferenceState> {
  const snapshot = await api.query("conference.get", (c) => c.conference.get.query({ conferenceId }));
  const state = fromSnapshot(snapshot);
  if (state.counters.sites <= TILE_LIMIT) return withSites(state, await allSites(api, conferenceId));
  const { groups } = await api.query("conference.sites.byProvince", (c) => c.conference.sites.byProvince.query({ conferenceId }));
  return withProvinces(state, groups);
}

/**
 * A snapshot over tRPC plus live events from the socket, folded by id. Events that arrive while the
 * snapshot loads wait in the store; when the gateway asks for a snapshot (any reason: new session, failed
 * recovery, gap) it is reloaded, and the events that arrived during the reload are folded onto it again.
 */
function useLiveStore<S>(service: string, key: readonly unknown[], fold: (s: S, e: readonly EventEnvelope[]) => S, load: (() => Promise<S>) | null) {
  const { realtime, health } = useApp();
  const keyText = JSON.stringify(key);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one store per subject (key), not per render
  const store = useMemo(() => new LiveStore<S>(fold), [keyText]);
  // structuralSharing off: each (re)load must hand the store a new object, even one equal to the last,
  // so setSnapshot runs and ends the reload (the events folded meanwhile are replayed onto it).
  const q = useQuery({ queryKey: key, queryFn: load ?? (() => Promise.reject(new Error("disabled"))), enabled: load !== null, staleTime: Infinity, refetchOnWindowFocus: false, structuralSharing: false });
  useMarkDownOnError(service, q.error, health);
  useEffect(() => realtime.onEvent((e) => eventSource(e) === service && store.push(e)), [realtime, store, service]);
  useEffect(() => {
    if (q.data) store.setSnapshot(q.data);
  }, [q.data, store]);
  const { refetch } = q;
  const enabled = load !== null;
  useEffect(
    () =>
      realtime.onResync(() => {
        if (!enabled) return;
        store.beginReload();
        void refetch();
      }),
    [realtime, refetch, store, enabled],
  );
  useEffect(() => () => store.dispose(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return { state, store, error: q.error, isLoading: q.isLoading };
}

export function useLiveConference(conferenceId: string | null) {
  const { api } = useApp();
  return useLiveStore<ConferenceState>(
    "conference",
    ["conference.live", conferenceId],
    foldConferenceEvents,
    conferenceId ? () => loadConference(api, conferenceId) : null,
  );
}

/** Drill-down at national size: load one province's sites into the live store (then kept live by events). */
export function useProvinceSites(store: LiveStore<ConferenceState>, conferenceId: string, provincePath: string | null) {
  const { api } = useApp();
  const q = useQuery({
    queryKey: ["conference.sites.list", conferenceId, provincePath],
    queryFn: () => allSites(api, conferenceId, provincePath!),
    enabled: provincePath !== null,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (q.data) store.update((s) => withSites(s, q.data));
  }, [q.data, store]);
  return q;
}

export function useLiveKpi(orgPath: string, year: number): { state: KpiState | null; error: unknown; isLoading: boolean } {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const key = ["membership.kpi.summary", orgPath, year] as const;
  const live = useLiveStore<KpiState>("membership", key, foldKpiEvents, async () =>
    kpiFromSnapshot(await api.query("membership.kpi.summary", (c) => c.membership.kpi.summary.query({ orgPath, year }))),
  );
  // "Đang sắp xếp" (the snapshot's notice) cannot be folded from an event: a mark set or lifted in the scope
  // reloads the snapshot, as snapshot-required does (which useLiveStore already handles: no resync here). So
  // does `membership.figures.changed`, all a viewer or an officer gets of membership (no event to fold).
  const { store } = live;
  useSocketReload(
    (marks, e) => markRefresh(marks, orgPath, [e]),
    () => {
      store.beginReload();
      void queryClient.refetchQueries({ queryKey: key, exact: true });
    },
    true,
    false,
  );
  return live;
}

/** A burst of a service's events (a batch of decisions, a pool reviewed, a province's marks) reloads a panel once. */
export const FIGURES_REFRESH_DEBOUNCE_MS = 300;

/**
 * Calls `onChange`, debounced (a burst once), when `decide` says an event arriving on the socket asks for it
 * (it keeps the watermarks: a replay asks for nothing), and, with `resync`, when the gateway asks for a
 * snapshot (events missed). The latest `decide` and `onChange` are used without resubscribing to the socket.
 */
export function useSocketReload(
  decide: (marks: Watermarks, e: EventEnvelope) => { marks: Watermarks; refresh: boolean },
  onChange: () => void,
  enabled: boolean,
  resync = true,
) {
  const { realtime } = useApp();
  const marks = useRef<Watermarks>({});
  const latest = useRef({ decide, onChange });
  useEffect(() => {
    latest.current = { decide, onChange };
  });
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        latest.current.onChange();
      }, FIGURES_REFRESH_DEBOUNCE_MS);
    };
    const offEvent = realtime.onEvent((e) => {
      const r = latest.current.decide(marks.current, e);
      marks.current = r.marks;
      if (r.refresh) reload();
    });
    const offResync = resync ? realtime.onResync(reload) : () => undefined;
    return () => {
      offEvent();
      offResync();
      if (timer !== null) clearTimeout(timer);
    };
  }, [enabled, resync, realtime]);
}

/**
 * Keeps a figures panel live: the queries under `queryKey` (a prefix: the procedure and the unit) are
 * reloaded, debounced, when an event of `service` or its `<service>.figures.changed` notice for the unit's
 * subtree arrives on the socket (whichever the official's role gets, docs/realtime.md), and when the
 * gateway asks for a snapshot.
 */
export function useLiveFiguresReload(service: string, orgPath: string, queryKey: readonly unknown[], enabled: boolean) {
  const queryClient = useQueryClient();
  const key = JSON.stringify(queryKey);
  useSocketReload(
    (marks, e) => figuresRefresh(service, marks, orgPath, [e]),
    () => void queryClient.invalidateQueries({ queryKey: JSON.parse(key) as unknown[] }),
    enabled,
  );
}
