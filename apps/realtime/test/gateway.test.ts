import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { until } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../src/gateway.js";
import { connectClient, expectRefused, type TestClient } from "./support/clients.js";
import { envelope, startMemoryGateway } from "./support/gateway.js";

let issuer: TestIssuer;
let gateway: Gateway;
let url: string;
const open: TestClient[] = [];

async function client(orgPaths: string[], more: { roles?: string[]; topics?: string[]; expiresIn?: number; sub?: string } = {}) {
  const token = await issuer.mint({ orgPaths, roles: more.roles ?? ["provincial_board"], expiresIn: more.expiresIn ?? 300, sub: more.sub });
  const c = await connectClient(url, { token, topics: more.topics });
  open.push(c);
  return c;
}

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "realtime" });
  ({ gateway, url } = await startMemoryGateway(issuer));
});
afterAll(async () => {
  for (const c of open) c.close();
  await gateway.close();
  await issuer.close();
});

describe("scoping by org path", () => {
  it("a provincial socket gets exactly its province's subtree; central gets everything", async () => {
    const central = await client(["/"], { roles: ["central_board"] });
    const hanoi = await client(["/01/"]);
    const haGiang = await client(["/02/"]);
    const district = await client(["/01/01-007/"], { roles: ["viewer"] });
    const trap = await client(["/010/"]); // a sibling whose code starts like /01/

    const sent = [
      envelope("/01/01-007/01-007-0031/"),
      envelope("/02/02-001/"),
      envelope("/01/"),
      envelope("/"),
      envelope("/010/"),
      envelope("/01/01-008/"),
    ];
    for (const e of sent) gateway.publish("conference", e);

    await central.waitForEvents(6);
    await hanoi.waitForEvents(3);
    await haGiang.waitForEvents(1);
    await district.waitForEvents(1);
    await trap.waitForEvents(1);
    await new Promise((r) => setTimeout(r, 200)); // nothing more may trickle in

    const paths = (c: TestClient) => c.events.map((e) => e.orgPath);
    expect(paths(central)).toEqual(sent.map((e) => e.orgPath));
    expect(paths(hanoi)).toEqual(["/01/01-007/01-007-0031/", "/01/", "/01/01-008/"]);
    expect(paths(haGiang)).toEqual(["/02/02-001/"]);
    expect(paths(district)).toEqual(["/01/01-007/01-007-0031/"]);
    expect(paths(trap)).toEqual(["/010/"]);
    // Every message carries its id and a cross-service key to fold by.
    expect(central.events[0]).toMatchObject({ service: "conference", id: sent[0]!.id, key: `conference:${sent[0]!.id}` });
  });

  it("a socket with two nested scopes gets each event once", async () => {
    const c = await client(["/01/", "/02/"]);
    gateway.publish("membership", envelope("/02/02-001/", { type: "membership.member.admitted" }));
    gateway.publish("membership", envelope("/01/", { type: "membership.member.admitted" }));
    await c.waitForEvents(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.events.map((e) => e.orgPath)).toEqual(["/02/02-001/", "/01/"]);
  });

  it("tells a new session to load a snapshot and describes the session", async () => {
    const c = await client(["/01/"]);
    expect(c.snapshots).toEqual([{ reason: "new-session" }]);
    expect(c.sessions[0]).toMatchObject({ orgPaths: ["/01/"], topics: ["*"], recovered: false, maxDisconnectionMs: 120_000 });
  });
});

describe("topics", () => {
  it("subscribing to one conference or to one service limits traffic", async () => {
    const conf = await client(["/"], { roles: ["central_board"], topics: ["conference:c-1"] });
    const kpi = await client(["/"], { roles: ["central_board"] });
    const ack = await kpi.socket.emitWithAck("subscribe", { topics: ["membership"] });
    expect(ack).toEqual({ ok: true, topics: ["membership"] });

    gateway.publish("conference", envelope("/01/", { aggregateId: "c-1", type: "conference.status.changed" }));
    gateway.publish("conference", envelope("/01/", { aggregateId: "site-9", payload: { conferenceId: "c-1" } }));
    gateway.publish("conference", envelope("/01/", { aggregateId: "c-2", type: "conference.status.changed" }));
    gateway.publish("membership", envelope("/02/", { type: "membership.kpi.updated", aggregateId: "/02/" }));

    await conf.waitForEvents(2);
    await kpi.waitForEvents(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(conf.events.map((e) => e.aggregateId)).toEqual(["c-1", "site-9"]);
    expect(kpi.events.map((e) => e.type)).toEqual(["membership.kpi.updated"]);

    // by event type
    const ack2 = await kpi.socket.emitWithAck("subscribe", { topics: ["conference.status.changed"] });
    expect(ack2).toEqual({ ok: true, topics: ["conference.status.changed"] });
    gateway.publish("conference", envelope("/01/", { aggregateId: "c-3", type: "conference.status.changed" }));
    gateway.publish("conference", envelope("/01/", { aggregateId: "c-3", type: "conference.site.linkChanged" }));
    await kpi.waitForEvents(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(kpi.events.map((e) => e.type)).toEqual(["membership.kpi.updated", "conference.status.changed"]);
  });

  it("refuses a bad topic list with a message naming the field, and keeps the old one", async () => {
    const c = await client(["/01/"], { topics: ["membership"] });
    expect(await c.socket.emitWithAck("subscribe", { topics: ["ok", "bad topic"] })).toEqual({
      ok: false,
      error: { code: "bad_request", message: expect.stringMatching(/^topics\.1: không phải chủ đề .* \/ not a topic/) },
    });
    expect(await c.socket.emitWithAck("subscribe", { topics: "membership" })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^topics: phải là .* \/ must be an array/) } });
    expect(await c.socket.emitWithAck("subscribe", null)).toMatchObject({ ok: false, error: { code: "bad_request" } });
    gateway.publish("membership", envelope("/01/", { type: "membership.kpi.updated" }));
    await c.waitForEvents(1);
  });

  it("refuses a bad handshake topic list", async () => {
    const token = await issuer.mint({ orgPaths: ["/01/"], roles: ["viewer"] });
    const r = await expectRefused(url, { token, topics: ["a@b"] });
    expect(r.data?.code).toBe("bad_request");
    expect(r.message).toMatch(/auth\.topics\.0/);
  });
});

describe("authentication", () => {
  it("refuses a socket without a token", async () => {
    const r = await expectRefused(url, {});
    expect(r).toEqual({ message: expect.stringMatching(/no access token/), data: { code: "missing_token" } });
  });

  it("refuses an expired token as token_expired", async () => {
    const r = await expectRefused(url, { token: await issuer.mintBad("expired", { orgPaths: ["/01/"] }) });
    expect(r.data?.code).toBe("token_expired");
    expect(r.message).toMatch(/expired/);
  });

  it.each(["wrong_aud", "wrong_iss", "unknown_key", "alg_none", "alg_hs256", "tampered", "bad_signature", "no_exp", "id_token", "garbage"] as const)(
    "refuses a %s token as invalid_token",
    async (kind) => {
      const r = await expectRefused(url, { token: await issuer.mintBad(kind, { orgPaths: ["/01/"], roles: ["viewer"] }) });
      expect(r.data?.code).toBe("invalid_token");
      expect(r.message).toMatch(/^Chưa xác thực: .* \/ Unauthorized: /);
    },
  );

  it("refuses a service account and a token without org scope", async () => {
    const svc = await expectRefused(url, { token: await issuer.mintService("membership") });
    expect(svc.data?.code).toBe("forbidden");
    const none = await expectRefused(url, { token: await issuer.mint({ orgPaths: [], roles: ["viewer"] }) });
    expect(none).toEqual({ message: expect.stringMatching(/no organization scope/), data: { code: "forbidden" } });
  });

  it("disconnects a socket when its token expires, after telling it", async () => {
    const c = await client(["/01/"], { expiresIn: 2 });
    await until(() => c.disconnects.length > 0, 20_000, "expiry disconnect");
    expect(c.expired).toBe(1);
    expect(c.disconnects).toEqual(["io server disconnect"]);
    // A server-side disconnect is final: the client does not reconnect by itself.
    await new Promise((r) => setTimeout(r, 300));
    expect(c.socket.connected).toBe(false);
  });

  it("auth:refresh extends the session and can change the scope", async () => {
    const sub = "refresh-user";
    const c = await client(["/01/"], { expiresIn: 3, sub });
    const firstExpiry = c.sessions[0]!.expiresAt * 1000;
    const fresh = await issuer.mint({ sub, orgPaths: ["/02/"], roles: ["provincial_board"], expiresIn: 300 });
    const ack = await c.socket.emitWithAck("auth:refresh", { token: fresh });
    expect(ack).toMatchObject({ ok: true, orgPaths: ["/02/"] });
    await new Promise((r) => setTimeout(r, Math.max(0, firstExpiry - Date.now()) + 500)); // past the first token's expiry
    expect(c.socket.connected).toBe(true);
    expect(c.expired).toBe(0);
    gateway.publish("conference", envelope("/01/"));
    gateway.publish("conference", envelope("/02/"));
    await c.waitForEvents(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.events.map((e) => e.orgPath)).toEqual(["/02/"]);
  });

  it("auth:refresh refuses another user's token, a bad token, and keeps the current one", async () => {
    const c = await client(["/01/"], { sub: "alice" });
    const bob = await issuer.mint({ sub: "bob", orgPaths: ["/"], roles: ["central_board"] });
    expect(await c.socket.emitWithAck("auth:refresh", { token: bob })).toMatchObject({ ok: false, error: { code: "subject_mismatch" } });
    expect(await c.socket.emitWithAck("auth:refresh", { token: "garbage" })).toMatchObject({ ok: false, error: { code: "invalid_token" } });
    expect(await c.socket.emitWithAck("auth:refresh", {})).toMatchObject({ ok: false, error: { code: "missing_token" } });
    gateway.publish("conference", envelope("/02/"));
    gateway.publish("conference", envelope("/01/"));
    await c.waitForEvents(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.events.map((e) => e.orgPath)).toEqual(["/01/"]);
    expect(c.socket.connected).toBe(true);
  });
});

describe("health", () => {
  it("serves /healthz and /readyz, 404 elsewhere", async () => {
    const h = await fetch(`${url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: "ok", service: "realtime" });
    const r = await fetch(`${url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "ready" });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });
  it("#9: public /readyz says ready or not only; the details (connections, memory) need a service token", async () => {
    const watcher = await client(["/01/"]);
    expect(watcher.socket.connected).toBe(true);
    const anonymous = await fetch(`${url}/readyz`);
    expect(await anonymous.json()).toEqual({ status: "ready" });
    const official = await issuer.mint({ orgPaths: ["/"], roles: ["central_board"], audience: "realtime" });
    expect(await (await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${official}` } })).json()).toEqual({ status: "ready" });
    const forged = await issuer.mintBad("bad_signature", { roles: ["service"], orgPaths: ["/"], audience: "realtime" });
    expect(await (await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${forged}` } })).json()).toEqual({ status: "ready" });
    const service = await issuer.mint({ orgPaths: ["/"], roles: ["service"], audience: "realtime" });
    const detailed = (await (await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${service}` } })).json()) as Record<string, unknown>;
    expect(detailed).toMatchObject({ status: "ready", connections: expect.any(Number) as number, memory: { rssBytes: expect.any(Number) as number } });
    expect(detailed.connections as number).toBeGreaterThanOrEqual(1);
  });
});
