import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestIssuer, startTokenEndpoint, type TestIssuer } from "@orgboard/auth/testing";
import { freePort, until } from "@orgboard/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveEvent } from "@orgboard/contract-realtime";
import { connectClient, type TestClient } from "../support/clients.js";
import { emitter, type EmitEvent } from "../support/emit.js";
import { postgresAvailable, startTestPostgres, type TestPostgres } from "../support/postgres.js";
import { startProbeService, type ProbeService } from "../support/probe-service.js";
import { spawnGateway, type GatewayProcess } from "../support/processes.js";
import { serviceTokenSource } from "../support/servers.js";

/**
 * Two real gateway processes (src/main.ts) on one PostgreSQL: the socket.io adapter carries pushes
 * between them, one holds each stream's lease, and either can die.
 */
const available = postgresAvailable();

describe.skipIf(!available.ok)(`two gateway instances on PostgreSQL${available.ok ? "" : ` (skipped: ${available.why})`}`, () => {
  let db: TestPostgres;
  let issuer: TestIssuer;
  let tokenEndpoint: Awaited<ReturnType<typeof startTokenEndpoint>>;
  let probe: ProbeService;
  let dir: string;
  let emit: (events: EmitEvent[]) => Promise<string[]>;
  let env: Record<string, string>;
  const gateways: GatewayProcess[] = [];
  const clients: TestClient[] = [];
  let seq = 0;

  const ev = (orgPath: string, payload: unknown = null): EmitEvent => ({ type: "conference.thing.happened", orgPath, aggregateId: `a-${++seq}`, payload });

  async function start(name: string, port?: number) {
    const g = await spawnGateway(name, env, port);
    gateways.push(g);
    return g;
  }
  async function client(g: GatewayProcess, orgPaths: string[], roles = ["provincial_board"]) {
    const token = await issuer.mint({ orgPaths, roles, audience: "realtime" });
    const c = await connectClient(g.url, { token, reconnectionDelay: 200 });
    clients.push(c);
    return c;
  }
  async function consumerStates(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const g of gateways) {
      if (g.child.exitCode !== null || g.child.signalCode !== null) continue;
      const r = await g.readyz(await issuer.mint({ roles: ["service"], orgPaths: ["/"], audience: "realtime" })).catch(() => null);
      const state = (r?.body.services as Record<string, { state: string }> | undefined)?.conference?.state;
      if (state) out[g.name] = state;
    }
    return out;
  }
  async function leader(): Promise<GatewayProcess> {
    let found: GatewayProcess | undefined;
    const deadline = Date.now() + 15_000;
    while (!found) {
      const states = await consumerStates();
      found = gateways.find((g) => states[g.name] === "consuming");
      if (!found) {
        if (Date.now() > deadline) throw new Error(`no instance consumes: ${JSON.stringify(states)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return found;
  }
  const ids = (c: TestClient) => c.events.map((e) => e.id);
  const fold = (events: LiveEvent[]) => [...new Map(events.map((e) => [e.key, e.id])).values()];

  beforeAll(async () => {
    db = await startTestPostgres();
    issuer = await createTestIssuer({ audience: "realtime" });
    tokenEndpoint = await startTokenEndpoint(issuer, { clientId: "realtime", clientSecret: "s3cret", audiences: ["conference"] });
    dir = mkdtempSync(join(tmpdir(), "realtime-two-"));
    const probePort = await freePort();
    // The probe plays conference: realtime consumes only services whose stream-read rule it knows (access.ts).
    probe = await startProbeService({ name: "conference", port: probePort, dataDir: join(dir, "probe-db"), issuer: issuer.issuer, jwksUrl: issuer.jwksUrl });
    emit = emitter(probe.trpcUrl, "conference", serviceTokenSource(issuer, ["conference"]));
    env = {
      DATABASE_URL: db.url,
      LOG_LEVEL: "warn",
      OIDC_ISSUER: issuer.issuer,
      OIDC_JWKS_URL: issuer.jwksUrl,
      OIDC_TOKEN_URL: tokenEndpoint.url,
      OIDC_CLIENT_SECRET: "s3cret",
      REALTIME_SERVICES: `conference=${probe.url}`,
      REALTIME_BUS_CHANNEL: `rt_${db.schema}`,
      REALTIME_LEASE_NAMESPACE: db.schema,
      REALTIME_LEASE_RETRY_MS: "300",
      REALTIME_MAX_DISCONNECTION_MS: "10000",
    };
    await Promise.all([start("A"), start("B")]);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(gateways.map((g) => g.stop("SIGKILL")));
    await probe?.stop();
    await tokenEndpoint?.close();
    await issuer?.close();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("exactly one instance consumes; sockets on either instance get their scope, in order, once", async () => {
    const [a, b] = gateways as [GatewayProcess, GatewayProcess];
    await leader();
    const states = await consumerStates();
    expect(Object.values(states).sort()).toEqual(["consuming", "standby"]);

    const centralA = await client(a, ["/"], ["central_board"]);
    const centralB = await client(b, ["/"], ["central_board"]);
    const hanoiB = await client(b, ["/01/"]);
    const haGiangA = await client(a, ["/02/"]);

    // One payload over NOTIFY's 8000-byte limit travels through the attachments table; it must not be
    // overtaken by the small events after it.
    const big = { sites: Array.from({ length: 300 }, (_, i) => ({ site: `s-${i}`, quality: 0.9, at: "2026-01-01T00:00:00Z" })) };
    const batch1 = await emit([ev("/01/"), ev("/02/02-001/"), ev("/01/01-007/", big), ev("/02/")]);
    const batch2 = await emit([ev("/01/"), ev("/03/")]);
    const all = [...batch1, ...batch2];
    await centralA.waitForEvents(6);
    await centralB.waitForEvents(6);
    await hanoiB.waitForEvents(3);
    await haGiangA.waitForEvents(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(ids(centralA)).toEqual(all);
    expect(ids(centralB)).toEqual(all);
    expect(ids(hanoiB)).toEqual([all[0], all[2], all[4]]);
    expect(ids(haGiangA)).toEqual([all[1], all[3]]);
    expect((centralB.events[2]!.payload as typeof big).sites).toHaveLength(300);
    expect(tokenEndpoint.requests()).toBeGreaterThanOrEqual(1); // the real client-credentials path
  });

  it("a socket on either instance recovers what it missed during a blink", async () => {
    const lead = await leader();
    const other = gateways.find((g) => g !== lead && g.child.exitCode === null)!;
    for (const g of [lead, other]) {
      const c = await client(g, ["/01/"]);
      const first = await emit([ev("/01/")]);
      await c.waitForEvents(1);
      c.socket.io.engine.close();
      await until(() => !c.socket.connected, 15_000, "drop");
      const missed = await emit([ev("/01/"), ev("/02/"), ev("/01/01-001/")]);
      await c.waitForSessions(2, 20_000);
      await c.waitForEvents(3);
      await new Promise((r) => setTimeout(r, 200));
      expect(c.sessions[1]!.recovered).toBe(true);
      expect(ids(c)).toEqual([first[0], missed[0], missed[2]]);
      expect(c.snapshots).toEqual([{ reason: "new-session" }]);
    }
  });

  it("a broken bus connection makes the instance ask its sockets for a snapshot, then delivery goes on", async () => {
    const lead = await leader();
    const other = gateways.find((g) => g !== lead && g.child.exitCode === null)!;
    const c = await client(other, ["/"], ["central_board"]);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const r = await admin.query(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()",
      [`LISTEN ${env.REALTIME_BUS_CHANNEL}`],
    );
    await admin.end();
    expect(r.rows.length).toBeGreaterThanOrEqual(2); // one listener per instance
    await until(() => c.snapshots.some((s) => s.reason === "gap"), 10_000, "snapshot-required gap");
    expect(c.socket.connected).toBe(true);
    const after = await emit([ev("/01/")]);
    await until(() => c.events.some((e) => e.id === after[0]), 10_000, "delivery after the bus reconnected");
  });

  it("rolling restart (SIGTERM of the consumer): the other takes over from the checkpoint, nothing lost or doubled", async () => {
    const lead = await leader();
    const survivor = gateways.find((g) => g !== lead && g.child.exitCode === null)!;
    const c = await client(survivor, ["/"], ["central_board"]);
    const before = await emit([ev("/01/"), ev("/02/")]);
    await c.waitForEvents(2);
    expect(await lead.stop("SIGTERM")).toBe(0);
    const during = await emit([ev("/01/"), ev("/04/"), ev("/05/")]);
    await c.waitForEvents(5, 15_000);
    expect(await consumerStates()).toEqual({ [survivor.name]: "consuming" });
    const after = await emit([ev("/01/")]);
    await c.waitForEvents(6);
    await new Promise((r) => setTimeout(r, 300));
    expect(ids(c)).toEqual([...before, ...during, ...after]);
    // bring a second instance back for the next test
    await start(lead.name === "A" ? "A2" : "B2");
  });

  it("crash (SIGKILL) of the consumer: the standby takes over; every event arrives, a re-push carries the same key", async () => {
    const lead = await leader();
    const survivor = gateways.find((g) => g !== lead && g.child.exitCode === null && g.child.signalCode === null)!;
    const c = await client(survivor, ["/"], ["central_board"]);
    const before = await emit(Array.from({ length: 20 }, (_, i) => ev(i % 2 ? "/01/" : "/02/")));
    await c.waitForEvents(20);
    await lead.stop("SIGKILL");
    const during = await emit(Array.from({ length: 10 }, () => ev("/03/")));
    await until(() => fold(c.events).length >= 30, 20_000, "all events after takeover");
    await new Promise((r) => setTimeout(r, 300));
    expect(fold(c.events)).toEqual([...before, ...during]);
    // Anything delivered twice was pushed before the crash but not yet checkpointed.
    const seen = new Set<string>();
    const dups = c.events.filter((e) => (seen.has(e.key) ? true : (seen.add(e.key), false)));
    for (const d of dups) expect(before).toContain(d.id);
    console.log(`crash takeover: ${dups.length} event(s) re-pushed`);
    const checkpoint = new pg.Client({ connectionString: db.url });
    await checkpoint.connect();
    const row = await checkpoint.query<{ id: string }>("SELECT last_event_id::text AS id FROM realtime_checkpoint WHERE service = 'conference'");
    await checkpoint.end();
    expect(row.rows[0]?.id).toBe(during.at(-1));
  });
});
