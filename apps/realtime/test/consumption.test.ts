import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { freePort, until } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeServer } from "../src/server.js";
import { connectClient, type TestClient } from "./support/clients.js";
import { emitter, type EmitEvent } from "./support/emit.js";
import { startProbeService, type ProbeService } from "./support/probe-service.js";
import { inProcessRealtime, serviceTokenSource } from "./support/servers.js";

/**
 * The live path end to end: a real service writes outbox rows in its transactions → its tRPC stream →
 * realtime (checkpointed) → socket.io rooms → real socket.io clients. Restarts of either side.
 */
let issuer: TestIssuer;
let dir: string;
let probe: ProbeService;
let probePort: number;
let realtime: RealtimeServer;
let url: string;
let emit: (events: EmitEvent[]) => Promise<string[]>;
const clients: TestClient[] = [];

const checkpointFile = () => join(dir, "checkpoints.json");
function readCheckpoints(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(checkpointFile(), "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}
// The probe plays conference: realtime consumes only services whose stream-read rule it knows (access.ts).
const startProbe = () => startProbeService({ name: "conference", port: probePort, dataDir: join(dir, "probe-db"), issuer: issuer.issuer, jwksUrl: issuer.jwksUrl });
const newRealtime = () =>
  inProcessRealtime(
    issuer,
    { REALTIME_SERVICES: `conference=http://127.0.0.1:${probePort}`, DATA_DIR: dir, REALTIME_MAX_DISCONNECTION_MS: "5000" },
    ["conference"],
  );
const ev = (orgPath: string, i: number): EmitEvent => ({ type: "conference.thing.happened", orgPath, aggregateId: `a-${i}`, payload: { i } });

async function client(orgPaths: string[], roles = ["provincial_board"]) {
  const token = await issuer.mint({ orgPaths, roles, audience: "realtime" });
  const c = await connectClient(url, { token, reconnectionDelay: 100 });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "realtime" });
  dir = mkdtempSync(join(tmpdir(), "realtime-consume-"));
  probePort = await freePort();
  probe = await startProbe();
  emit = emitter(probe.trpcUrl, "conference", serviceTokenSource(issuer, ["conference"]));
  realtime = newRealtime();
  ({ url } = await realtime.start({ handleSignals: false }));
});

afterAll(async () => {
  for (const c of clients) c.close();
  await realtime.stop();
  await probe.stop();
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("consuming a service's event stream", () => {
  it("pushes each committed event to the sockets whose scope contains it, with its id", async () => {
    const central = await client(["/"], ["central_board"]);
    const hanoi = await client(["/01/"]);
    const ids = await emit([ev("/01/01-007/", 1), ev("/02/", 2), ev("/01/", 3)]);
    expect(ids).toHaveLength(3);
    await central.waitForEvents(3);
    await hanoi.waitForEvents(2);
    expect(central.events.map((e) => e.id)).toEqual(ids);
    expect(hanoi.events.map((e) => e.id)).toEqual([ids[0], ids[2]]);
    expect(central.events[0]).toMatchObject({ service: "conference", type: "conference.thing.happened", orgPath: "/01/01-007/", aggregateId: "a-1", payload: { i: 1 }, key: `conference:${ids[0]}` });
    await until(() => readCheckpoints().conference === ids[2], 15_000, "checkpoint");
    const serviceToken = await issuer.mint({ roles: ["service"], orgPaths: ["/"], audience: "realtime" });
    const ready = await (await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${serviceToken}` } })).json();
    expect(ready).toMatchObject({ status: "ready", mode: "embedded", services: { conference: { state: "consuming", lastEventId: ids[2] } } });
  });

  it("after a gateway restart resumes from its checkpoint: nothing lost, nothing pushed twice", async () => {
    const watcher = await client(["/"], ["central_board"]);
    const before = await emit([ev("/01/", 10), ev("/02/", 11)]);
    await watcher.waitForEvents(2);
    await realtime.stop(); // graceful: checkpoint flushed
    expect(readCheckpoints()).toEqual({ conference: before[1] });

    const whileDown = await emit([ev("/01/", 12), ev("/03/", 13), ev("/01/01-001/", 14)]);
    const r = inProcessRestartOnPort(Number(new URL(url).port));
    ({ url } = await r.start({ handleSignals: false, consume: false }));
    // The old client reconnects by itself; its session died with the old process, so it is told to reload.
    await watcher.waitForSessions(2, 20_000);
    expect(watcher.snapshots.at(-1)).toEqual({ reason: "recovery-failed" });
    r.startConsumers();
    await watcher.waitForEvents(5);
    const after = await emit([ev("/01/", 15)]);
    await watcher.waitForEvents(6);
    await new Promise((res) => setTimeout(res, 200));
    expect(watcher.events.map((e) => e.id)).toEqual([...before, ...whileDown, ...after]);
    expect(r.consumers[0]!.pushed).toBe(4);
    realtime = r;
  });

  it("after a service restart resumes the stream: nothing lost, nothing pushed twice", async () => {
    const watcher = await client(["/"], ["central_board"]);
    const pushedBefore = realtime.consumers[0]!.pushed;
    const first = await emit([ev("/01/", 20), ev("/02/", 21)]);
    await watcher.waitForEvents(2);
    await probe.stop();
    await until(() => realtime.consumers[0]!.lastError !== null || realtime.consumers[0]!.state !== "consuming", 3000, "stream to break").catch(() => undefined);
    probe = await startProbe();
    const second = await emit([ev("/01/", 22), ev("/04/", 23)]);
    await watcher.waitForEvents(4, 15_000);
    await new Promise((res) => setTimeout(res, 300));
    expect(watcher.events.map((e) => e.id)).toEqual([...first, ...second]);
    expect(realtime.consumers[0]!.pushed - pushedBefore).toBe(4);
  });
});

// Same config, same port (the dashboards' URL does not change across a restart).
function inProcessRestartOnPort(port: number): RealtimeServer {
  return inProcessRealtimeWithPort(port);
}
function inProcessRealtimeWithPort(port: number): RealtimeServer {
  return inProcessRealtime(
    issuer,
    { PORT: String(port), REALTIME_SERVICES: `conference=http://127.0.0.1:${probePort}`, DATA_DIR: dir, REALTIME_MAX_DISCONNECTION_MS: "5000" },
    ["conference"],
  );
}
