// The dashboards of the benchmark: N real socket.io clients (WebSocket) in one process, recording for
// each delivered event the time from the site's send (payload.sentAt) to its arrival here.
import { consumeEventStream } from "@orgboard/events";
import { io, type Socket } from "socket.io-client";

export type DashboardsCommand =
  | { cmd: "connect"; url: string; sockets: { token?: string; orgPath: string }[] }
  | { cmd: "measure"; phase: string }
  /** Also follow the service's stream directly (no gateway): the latency up to the gateway's input. */
  | { cmd: "stream"; url: string; path: string; token: string }
  | { cmd: "stats" }
  | { cmd: "disconnect" };

const now = () => performance.timeOrigin + performance.now();
let sockets: Socket[] = [];
let phase = "";
let samples: number[] = [];
let delivered = 0;
let bytes = 0;
let streamSamples: number[] = [];
const MAX_SAMPLES = 3_000_000;

function onEvent(e: { payload?: { sentAt?: number; phase?: string; m?: boolean } } | undefined): void {
  const p = e?.payload;
  if (!p || p.phase !== phase || !p.m || typeof p.sentAt !== "number") return;
  delivered += 1;
  if (samples.length < MAX_SAMPLES) samples.push(now() - p.sentAt);
}

async function connect(url: string, list: { token?: string; orgPath: string }[]): Promise<number> {
  const started = Date.now();
  const batch = 50;
  for (let i = 0; i < list.length; i += batch) {
    await Promise.all(
      list.slice(i, i + batch).map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            const socket = io(url, {
              transports: ["websocket"],
              forceNew: true,
              reconnection: false,
              ...(s.token ? { auth: { token: s.token } } : { query: { orgPath: s.orgPath } }),
            });
            socket.on("event", onEvent);
            socket.io.engine?.on("packet", (pkt: { data?: unknown }) => {
              if (typeof pkt.data === "string") bytes += pkt.data.length;
            });
            socket.once("connect", () => resolve());
            socket.once("connect_error", (err) => reject(err));
            sockets.push(socket);
          }),
      ),
    );
  }
  return Date.now() - started;
}

function pct(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

process.on("message", (raw) => {
  const msg = raw as DashboardsCommand;
  void (async () => {
    switch (msg.cmd) {
      case "connect": {
        const ms = await connect(msg.url, msg.sockets);
        process.send!({ cmd: "connected", ms, count: sockets.length });
        break;
      }
      case "stream": {
        consumeEventStream({
          url: msg.url,
          path: msg.path,
          getToken: () => msg.token,
          fromId: null,
          onEvent: (e) => {
            const p = e.payload as { sentAt?: number; phase?: string; m?: boolean } | null;
            if (p && p.phase === phase && p.m && typeof p.sentAt === "number") streamSamples.push(now() - p.sentAt);
          },
        });
        process.send!({ cmd: "streaming" });
        break;
      }
      case "measure":
        phase = msg.phase;
        samples = [];
        streamSamples = [];
        delivered = 0;
        bytes = 0;
        process.send!({ cmd: "measuring" });
        break;
      case "stats": {
        const sorted = Float64Array.from(samples).sort();
        const arr = Array.from(sorted);
        const st = Array.from(Float64Array.from(streamSamples).sort());
        process.send!({
          cmd: "stats",
          delivered,
          bytes,
          p50: pct(arr, 0.5),
          p90: pct(arr, 0.9),
          p99: pct(arr, 0.99),
          max: arr.length ? arr[arr.length - 1] : NaN,
          connected: sockets.filter((s) => s.connected).length,
          stream: { n: st.length, p50: pct(st, 0.5), p99: pct(st, 0.99) },
        });
        break;
      }
      case "disconnect":
        for (const s of sockets) s.disconnect();
        sockets = [];
        process.send!({ cmd: "disconnected" });
        break;
    }
  })().catch((err: unknown) => process.send!({ cmd: "error", message: err instanceof Error ? err.message : String(err) }));
});
process.send!({ cmd: "ready" });
