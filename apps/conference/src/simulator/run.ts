// Plays a ConferencePlan against a running conference service through its real API: tRPC for the
// organizer and site-operator consoles, POST /bridge/heartbeats for the videoconference bridge.
import { createServiceLinks, type ContractRouter, type TokenGetter } from "@orgboard/contracts";
import { createTRPCClient, TRPCClientError, type TRPCClient } from "@trpc/client";
import { Webhook } from "standardwebhooks";
import type { conferenceContract, ConferenceSnapshot } from "@orgboard/contract-conference";
import { planConference, type Action, type ConferencePlan, type PlanOptions } from "./plan.js";

/** The client types come from the contract, as any other client's do (not from this service's router). */
type ConferenceRouter = ContractRouter<typeof conferenceContract>;

/** Who is calling: the simulator asks `getToken` for a token per role. */
export type SimulatorActor =
  /** role conference_operator, org paths [orgPath] */
  | { kind: "organizer"; orgPath: string }
  /** role site_operator, org paths [orgPath] (the site's own organization) */
  | { kind: "site"; orgPath: string; siteCode: string }
  /** a service account (role service), e.g. client "video-bridge" */
  | { kind: "bridge" };

export interface SimulateConferenceOptions extends Partial<PlanOptions> {
  /** The conference service, e.g. http://127.0.0.1:4005 (tRPC at /trpc, the bridge at /bridge/heartbeats). */
  baseUrl: string;
  getToken: (actor: SimulatorActor) => string | Promise<string>;
  /** Simulated minutes per real minute. 10 ⇒ a 2.5-hour conference in 15 minutes; Infinity ⇒ no waiting. */
  speed?: number;
  /** Sign heartbeats with this Standard Webhooks secret instead of sending the bridge's token. */
  bridgeWebhookSecret?: string;
  /** Site actions due together (check-in, attendance) run this many at a time. Default 8. */
  concurrency?: number;
  onProgress?: (event: SimulationProgress) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface SimulationProgress {
  /** Simulated minutes since the sites started connecting. */
  minute: number;
  action: Action["kind"] | "create" | "heartbeats";
  message: string;
}

export interface SimulationReport {
  conferenceId: string;
  seed: number | string;
  edition: string;
  sites: number;
  speed: number;
  expected: ConferencePlan["expect"];
  observed: {
    refusedFloor: number;
    heartbeatBatches: number;
    heartbeats: number;
    stateChanges: number;
    trpcCalls: number;
  };
  final: ConferenceSnapshot;
  realDurationMs: number;
}

/** Heartbeats per request: a bridge splits a beat of 16,240 endpoints into a few requests. */
const HEARTBEAT_CHUNK = 5_000;
/** Real-time keep-alive: well inside the service's 10 s "degraded" horizon. */
const KEEPALIVE_MS = 3_000;
const SITE_BATCH = 2_000;
const ADD_BATCH = 5_000;

class Aborted extends Error {
  constructor() {
    super("simulation aborted");
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Aborted());
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function runLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

export async function simulateConference(opts: SimulateConferenceOptions): Promise<SimulationReport> {
  const started = performance.now();
  const speed = opts.speed ?? 10;
  if (!(speed > 0)) throw new RangeError(`speed must be > 0 (got ${speed})`);
  const plan = planConference({ sites: opts.sites ?? 67, seed: opts.seed ?? 1, edition: opts.edition });
  const base = opts.baseUrl.replace(/\/+$/, "");
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const progress = (minute: number, action: SimulationProgress["action"], message: string) => opts.onProgress?.({ minute, action, message });
  let trpcCalls = 0;

  const clientFor = (getToken: TokenGetter): TRPCClient<ConferenceRouter> =>
    createTRPCClient<ConferenceRouter>({
      links: [
        createServiceLinks<ConferenceRouter>({ conference: `${base}/trpc` }, getToken, {
          fetch: (input, init) => {
            trpcCalls += 1;
            return fetchImpl(input, init);
          },
        }),
      ],
    });
  const organizer = clientFor(() => opts.getToken({ kind: "organizer", orgPath: plan.orgPath }));
  const siteByCode = new Map(plan.sites.map((s) => [s.code, s]));
  const siteClients = new Map<string, TRPCClient<ConferenceRouter>>();
  const siteClient = (code: string) => {
    let c = siteClients.get(code);
    if (!c) {
      const spec = siteByCode.get(code)!;
      c = clientFor(() => opts.getToken({ kind: "site", orgPath: spec.orgPath, siteCode: code }));
      siteClients.set(code, c);
    }
    return c;
  };

  // With a finite speed the schedule is compressed too, so that the dashboard's "planned vs actual"
  // and overrun read true at that speed. A second is the shortest planned duration the API takes.
  const scale = Number.isFinite(speed) ? speed : 1;
  const plannedMinutes = plan.agenda.map((a) => Math.max(1 / 60, a.plannedMinutes / scale));
  const windowMinutes = Math.max(180 / scale, plannedMinutes.reduce((s, x) => s + x, 0) + 1);
  const scheduledStart = new Date(Date.now() + (30 / scale) * 60_000);
  const scheduledEnd = new Date(scheduledStart.getTime() + windowMinutes * 60_000);

  const created = await organizer.conference.create.mutate({
    title: plan.title,
    orgPath: plan.orgPath,
    organizerName: plan.organizerName,
    chairName: plan.chairName,
    chairTitle: plan.chairTitle,
    mode: plan.mode,
    scheduledStart: scheduledStart.toISOString(),
    scheduledEnd: scheduledEnd.toISOString(),
    agenda: plan.agenda.map((a, i) => ({ ...a, plannedMinutes: plannedMinutes[i]! })),
    sites: plan.sites.slice(0, SITE_BATCH),
  });
  const conferenceId = created.id;
  for (let i = SITE_BATCH; i < plan.sites.length; i += ADD_BATCH) {
    await organizer.conference.sites.add.mutate({ conferenceId, sites: plan.sites.slice(i, i + ADD_BATCH) });
  }
  progress(0, "create", `conference ${conferenceId}: ${plan.sites.length} sites, ${plan.agenda.length} agenda items`);

  // Site ids by code, for the bridge (which knows its endpoints by the service's site ids).
  const siteIds = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; code: string }[]; nextCursor: string | null } = await organizer.conference.sites.list.query({ conferenceId, limit: 200, cursor });
    for (const s of page.items) siteIds.set(s.code, s.id);
    cursor = page.nextCursor;
  } while (cursor);

  // ---- the bridge
  const quality = new Map<string, number>();
  const pending = new Set<string>();
  const lastBeat = new Map<string, number>();
  let lastFullBeat = performance.now();
  let heartbeatBatches = 0;
  let heartbeats = 0;
  let stateChanges = 0;
  const webhook = opts.bridgeWebhookSecret ? new Webhook(opts.bridgeWebhookSecret) : null;

  async function postHeartbeats(codes: readonly string[]): Promise<void> {
    const now = Date.now();
    const items = codes.map((code) => {
      // Strictly increasing per site, or the service would ignore a beat as stale.
      const at = Math.max(now, (lastBeat.get(code) ?? 0) + 1);
      lastBeat.set(code, at);
      return { siteId: siteIds.get(code)!, at: new Date(at).toISOString(), quality: quality.get(code)! };
    });
    for (let i = 0; i < items.length; i += HEARTBEAT_CHUNK) {
      const body = JSON.stringify({ heartbeats: items.slice(i, i + HEARTBEAT_CHUNK) });
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (webhook) {
        const id = `msg_${conferenceId}_${heartbeatBatches}`;
        const ts = new Date();
        Object.assign(headers, { "webhook-id": id, "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)), "webhook-signature": webhook.sign(id, ts, body) });
      } else {
        headers.authorization = `Bearer ${await opts.getToken({ kind: "bridge" })}`;
      }
      const res = await fetchImpl(`${base}/bridge/heartbeats`, { method: "POST", headers, body });
      if (!res.ok) throw new Error(`bridge heartbeats refused: HTTP ${res.status} ${await res.text()}`);
      const result = (await res.json()) as { stateChanges: number };
      stateChanges += result.stateChanges;
      heartbeatBatches += 1;
      heartbeats += Math.min(HEARTBEAT_CHUNK, items.length - i);
    }
  }
  async function flushLinks(): Promise<void> {
    if (pending.size === 0) return;
    const codes = [...pending];
    pending.clear();
    await postHeartbeats(codes);
  }
  async function keepAlive(): Promise<void> {
    if (performance.now() - lastFullBeat < KEEPALIVE_MS) return;
    lastFullBeat = performance.now();
    pending.clear();
    if (quality.size > 0) await postHeartbeats([...quality.keys()]);
  }

  // ---- the script
  const requestIds = new Map<string, string>();
  let refusedFloor = 0;
  const simStart = performance.now();
  const dueAt = (minute: number) => simStart + (minute * 60_000) / speed;

  async function waitUntil(minute: number): Promise<void> {
    if (!Number.isFinite(speed)) return keepAlive();
    for (;;) {
      const left = dueAt(minute) - performance.now();
      await keepAlive();
      if (left <= 0) return;
      await sleep(Math.min(left, 1_000), opts.signal);
    }
  }

  async function perform(a: Action): Promise<void> {
    switch (a.kind) {
      case "startConnecting":
        await organizer.conference.startConnecting.mutate({ conferenceId });
        return progress(a.at, a.kind, "connecting sites");
      case "openSession":
        await organizer.conference.openSession.mutate({ conferenceId });
        return progress(a.at, a.kind, "session opened");
      case "nextItem":
        await organizer.conference.agenda.next.mutate({ conferenceId });
        return progress(a.at, a.kind, a.title);
      case "link":
        // A site already waiting to be posted would have its earlier change overwritten (a short drop
        // would never reach the service): post what is pending first.
        if (pending.has(a.site)) await flushLinks();
        quality.set(a.site, a.quality);
        pending.add(a.site);
        return;
      case "checkIn":
        await siteClient(a.site).conference.sites.checkIn.mutate({ siteId: siteIds.get(a.site)!, present: a.present });
        return progress(a.at, a.kind, `${a.site} checked in (${a.present})`);
      case "attendance":
        await siteClient(a.site).conference.sites.reportAttendance.mutate({ siteId: siteIds.get(a.site)!, present: a.present });
        return progress(a.at, a.kind, `${a.site} now ${a.present} present`);
      case "disseminate":
        await organizer.conference.documents.disseminate.mutate({ conferenceId, documents: a.documents });
        return progress(a.at, a.kind, a.documents.map((d) => d.number).join(", "));
      case "register": {
        const { request } = await siteClient(a.site).conference.speakers.register.mutate({
          siteId: siteIds.get(a.site)!,
          speakerName: a.speakerName,
          speakerTitle: a.speakerTitle,
          topic: a.topic,
        });
        requestIds.set(a.site, request.id);
        return progress(a.at, a.kind, `${a.site}: ${a.speakerName} registers to speak`);
      }
      case "withdraw":
        await siteClient(a.site).conference.speakers.withdraw.mutate({ requestId: requestIds.get(a.site)! });
        return progress(a.at, a.kind, `${a.site} withdraws`);
      case "giveFloor":
        try {
          await organizer.conference.floor.give.mutate({ conferenceId, requestId: requestIds.get(a.site)! });
          if (a.refused) throw new Error(`the floor was given to ${a.site}, whose link the plan had dropped`);
          return progress(a.at, a.kind, `floor to ${a.site}`);
        } catch (err) {
          if (a.refused && err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === "CONFLICT") {
            refusedFloor += 1;
            return progress(a.at, a.kind, `floor to ${a.site} refused: ${err.message}`);
          }
          throw err;
        }
      case "endSpeech":
        await organizer.conference.floor.end.mutate({ conferenceId });
        return progress(a.at, a.kind, `${a.site} yields the floor`);
      case "conclusion":
        await organizer.conference.conclusions.add.mutate({ conferenceId, text: a.text });
        return progress(a.at, a.kind, "conclusion recorded");
      case "conclude":
        await organizer.conference.conclude.mutate({ conferenceId });
        return progress(a.at, a.kind, "conference concluded");
    }
  }

  const parallel = new Set<Action["kind"]>(["checkIn", "attendance"]);
  const actions = plan.actions;
  for (let i = 0; i < actions.length; ) {
    const a = actions[i]!;
    await waitUntil(a.at);
    if (opts.signal?.aborted) throw new Aborted();
    if (a.kind === "link") {
      await perform(a);
      i += 1;
      // Like a bridge's beat: changes due together go out in one batch, and as soon as they are due,
      // not with whatever action comes next (which may be minutes away, after the link changed back).
      const next = actions[i];
      if (!next || next.kind !== "link" || dueAt(next.at) > performance.now()) await flushLinks();
      continue;
    }
    // Link changes due by now reach the service before anything that depends on them.
    await flushLinks();
    if (parallel.has(a.kind)) {
      // Site actions due together (and already due) go out side by side, as from many rooms at once.
      let j = i;
      while (j < actions.length && parallel.has(actions[j]!.kind) && (j === i || dueAt(actions[j]!.at) <= performance.now() || !Number.isFinite(speed))) j += 1;
      await runLimited(actions.slice(i, j), opts.concurrency ?? 8, perform);
      i = j;
      continue;
    }
    await perform(a);
    i += 1;
  }
  await flushLinks();

  const final = await organizer.conference.get.query({ conferenceId });
  return {
    conferenceId,
    seed: plan.seed,
    edition: plan.edition,
    sites: plan.sites.length,
    speed,
    expected: plan.expect,
    observed: { refusedFloor, heartbeatBatches, heartbeats, stateChanges, trpcCalls },
    final,
    realDurationMs: Math.round(performance.now() - started),
  };
}

/** "10x", "10", "x10", "max"/"inf" → a speed for simulateConference (CLI flags). */
export function parseSpeed(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === "max" || t === "inf" || t === "infinity") return Infinity;
  const m = /^x?(\d+(?:\.\d+)?)x?$/.exec(t);
  const speed = m ? Number(m[1]) : Number.NaN;
  if (!(speed > 0)) throw new RangeError(`speed: "${text}" is not a speed like 10x, 1x or max`);
  return speed;
}
