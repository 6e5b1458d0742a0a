import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { until } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.js";
import { connectClient, type TestClient } from "./support/clients.js";
import { envelope, startMemoryGateway } from "./support/gateway.js";

let issuer: TestIssuer;
let gateway: Gateway;
let url: string;
const open: TestClient[] = [];

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "realtime" });
  // A short window so the "too long away" case runs in a test.
  ({ gateway, url } = await startMemoryGateway(issuer, { maxDisconnectionMs: 1500 }));
});
afterAll(async () => {
  for (const c of open) c.close();
  await gateway.close();
  await issuer.close();
});

async function blink(c: TestClient, whileAway: () => void | Promise<void>, awayMs: number, on: Gateway = gateway): Promise<void> {
  const before = on.io.of("/").sockets.size;
  c.socket.io.engine.close(); // the transport drops, as on a flaky network: socket.io will reconnect
  await until(() => on.io.of("/").sockets.size === before - 1, 15_000, "server to see the drop");
  await whileAway();
  await new Promise((r) => setTimeout(r, awayMs));
}

describe("connection state recovery", () => {
  it("a dashboard that blinks gets the events it missed, in order, once, and no snapshot request", async () => {
    const token = await issuer.mint({ orgPaths: ["/01/"], roles: ["provincial_board"] });
    const c = await connectClient(url, { token, reconnectionDelay: 400 });
    open.push(c);
    gateway.publish("conference", envelope("/01/", { id: "101" }));
    await c.waitForEvents(1);

    await blink(
      c,
      () => {
        gateway.publish("conference", envelope("/01/01-001/", { id: "102" }));
        gateway.publish("conference", envelope("/02/", { id: "103" })); // not in scope: never delivered
        gateway.publish("conference", envelope("/01/", { id: "104" }));
      },
      0,
    );
    await c.waitForSessions(2);
    gateway.publish("conference", envelope("/01/", { id: "105" }));
    await c.waitForEvents(4);
    await new Promise((r) => setTimeout(r, 150));
    expect(c.events.map((e) => e.id)).toEqual(["101", "102", "104", "105"]);
    expect(c.socket.recovered).toBe(true);
    expect(c.sessions[1]!.recovered).toBe(true);
    expect(c.snapshots).toEqual([{ reason: "new-session" }]); // only the first connection's
  });

  it("keeps topic subscriptions across a recovery", async () => {
    const token = await issuer.mint({ orgPaths: ["/"], roles: ["central_board"] });
    const c = await connectClient(url, { token, reconnectionDelay: 300 });
    open.push(c);
    expect(await c.socket.emitWithAck("subscribe", { topics: ["membership"] })).toMatchObject({ ok: true });
    await blink(
      c,
      () => {
        gateway.publish("conference", envelope("/01/", { id: "201" }));
        gateway.publish("membership", envelope("/01/", { id: "202", type: "membership.kpi.updated" }));
      },
      0,
    );
    await c.waitForSessions(2);
    expect(c.sessions[1]).toMatchObject({ recovered: true, topics: ["membership"] });
    await c.waitForEvents(1);
    expect(c.events.map((e) => e.id)).toEqual(["202"]);
  });

  it("past the recovery window the client is told to reload a snapshot", async () => {
    const token = await issuer.mint({ orgPaths: ["/01/"], roles: ["provincial_board"] });
    const c = await connectClient(url, { token, reconnectionDelay: 2200 });
    open.push(c);
    await blink(c, () => gateway.publish("conference", envelope("/01/", { id: "301" })), 0);
    await c.waitForSessions(2, 20_000);
    expect(c.socket.recovered).toBe(false);
    expect(c.sessions[1]!.recovered).toBe(false);
    expect(c.snapshots).toEqual([{ reason: "new-session" }, { reason: "recovery-failed" }]);
    expect(c.events).toEqual([]); // the missed event is not replayed: the snapshot covers it
  });

  it("does not restore a session whose token expired while away", async () => {
    // Its own gateway, whose window (20 s) outlasts the absence, so only the expiry can refuse the recovery. The
    // token outlives the connection and the blink by seconds: the gateway disconnects a socket when its token
    // expires, and with 1 s a loaded machine's connect took that long, the socket was gone before the blink, and
    // the blink waited for a drop that had already happened. It has expired when the client comes back.
    const own = await startMemoryGateway(issuer, { maxDisconnectionMs: 20_000 });
    try {
      const sub = "short-lived";
      let token = await issuer.mint({ sub, orgPaths: ["/01/"], roles: ["viewer"], expiresIn: 4 });
      const c = await connectClient(own.url, { token: () => token, reconnectionDelay: 5000 });
      open.push(c);
      await blink(c, async () => {
        own.gateway.publish("conference", envelope("/01/", { id: "401" }));
        token = await issuer.mint({ sub, orgPaths: ["/01/"], roles: ["viewer"], expiresIn: 300 });
      }, 0, own.gateway);
      await c.waitForSessions(2, 20_000);
      expect(c.sessions[1]!.recovered).toBe(false);
      expect(c.snapshots.at(-1)).toEqual({ reason: "recovery-failed" });
      expect(c.events).toEqual([]);
      c.close();
    } finally {
      await own.gateway.close();
    }
  });
});
