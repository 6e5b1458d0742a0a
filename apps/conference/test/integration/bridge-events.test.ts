// The bridge's heartbeat endpoint (service token or Standard Webhooks signature), the link sweep, and
// the event stream: every change, in order, resumable, scoped.
import { until } from "@orgboard/testkit";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conferenceEventSchemas, type ConferenceEventType } from "../../src/events.js";
import { CENTRAL_BOARD, ORGANIZER, beat, conferenceInput, failure, nextInstant, provincialBoard, siteOperator, startHarness, type Client, type Harness } from "./harness.js";

const SECRET = `whsec_${Buffer.from("a bridge secret of thirty-two by").toString("base64")}`;
let h: Harness;
let organizer: Client;

beforeAll(async () => {
  h = await startHarness({ bridgeWebhookSecret: SECRET });
  organizer = h.client(ORGANIZER);
});
afterAll(async () => {
  await h?.close();
});

async function newConference(sites = conferenceInput().sites): Promise<{ id: string; site: Record<string, string> }> {
  const c = await organizer.conference.create.mutate(conferenceInput({ sites: sites.slice(0, 2000) }));
  for (let i = 2000; i < sites.length; i += 5000) await organizer.conference.sites.add.mutate({ conferenceId: c.id, sites: sites.slice(i, i + 5000) });
  const site: Record<string, string> = {};
  let cursor: string | null = null;
  do {
    const page = await organizer.conference.sites.list.query({ conferenceId: c.id, limit: 200, cursor });
    for (const s of page.items) site[s.code] = s.id;
    cursor = page.nextCursor;
  } while (cursor);
  return { id: c.id, site };
}

function post(body: string, headers: Record<string, string>) {
  return fetch(`${h.url}/bridge/heartbeats`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

describe("POST /bridge/heartbeats", () => {
  let conf: { id: string; site: Record<string, string> };
  beforeAll(async () => {
    conf = await newConference();
    await organizer.conference.startConnecting.mutate({ conferenceId: conf.id });
  });

  it("applies a batch from a service account, reporting unknown and stale items", async () => {
    const unknown = "0190a1b2-0000-7000-8000-000000000001";
    const t1 = nextInstant();
    const t2 = nextInstant();
    const r = await beat(h, [
      { siteId: conf.site["01"]!, quality: 0.9, at: t1 },
      { siteId: conf.site["01"]!, quality: 0.1, at: t2 },
      { siteId: conf.site["08"]!, quality: 0.5 },
      { siteId: unknown, quality: 1 },
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ received: 4, applied: 2, stale: 1, unknownSiteIds: [unknown], closed: 0, stateChanges: 1 });
    const sites = await organizer.conference.sites.list.query({ conferenceId: conf.id });
    expect(sites.items.find((s) => s.code === "01")).toMatchObject({ linkState: "disconnected", lastQuality: 0.1, lastHeartbeatAt: t2.toISOString() });
    expect(sites.items.find((s) => s.code === "08")).toMatchObject({ linkState: "degraded", lastQuality: 0.5 });
    // Replaying the same batch changes nothing.
    const again = await beat(h, [{ siteId: conf.site["01"]!, quality: 0.9, at: t1 }]);
    expect(again.body).toMatchObject({ applied: 0, stale: 1, stateChanges: 0 });
  });

  it("accepts a Standard Webhooks signature instead of a token, and refuses a bad or old one", async () => {
    const body = JSON.stringify({ heartbeats: [{ siteId: conf.site["QDTW"]!, at: nextInstant().toISOString(), quality: 1 }] });
    const wh = new Webhook(SECRET);
    const now = new Date();
    const signed = (id: string, at: Date, payload = body) => ({ "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": wh.sign(id, at, payload) });
    const ok = await post(body, signed("msg_1", now));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ applied: 1, stateChanges: 1 });
    const tampered = await post(body.replace('"quality":1', '"quality":0'), signed("msg_2", now));
    expect(tampered.status).toBe(401);
    const old = await post(body, signed("msg_3", new Date(now.getTime() - 10 * 60_000)));
    expect(old.status).toBe(401);
    const forged = await post(body, signed("msg_4", now, "{}"));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { data: { code: string } } }).error.data.code).toBe("UNAUTHORIZED");
  });

  it("refuses no credentials, bad tokens and non-service principals", async () => {
    const body = JSON.stringify({ heartbeats: [] });
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { authorization: "Bearer not-a-jwt" })).status).toBe(401);
    expect((await post(body, { authorization: `Bearer ${await h.issuer.mintBad("expired", { audience: "conference", roles: ["service"] })}` })).status).toBe(401);
    expect((await post(body, { authorization: `Bearer ${await h.issuer.mintService("video-bridge", { audience: "membership" })}` })).status).toBe(401);
    const siteOp = await post(body, { authorization: `Bearer ${await h.token(siteOperator("/08/"))}` });
    expect(siteOp.status).toBe(403);
    expect((await post(body, { authorization: `Bearer ${await h.token(ORGANIZER)}` })).status).toBe(403);
  });

  it("names the bad item of a batch", async () => {
    const token = await h.issuer.mintService("video-bridge", { audience: "conference" });
    const auth = { authorization: `Bearer ${token}` };
    const notJson = await post("{heartbeats:", auth);
    expect(notJson.status).toBe(400);
    const badQuality = await post(JSON.stringify({ heartbeats: [{ siteId: conf.site["01"]!, at: new Date().toISOString(), quality: 1 }, { siteId: conf.site["08"]!, at: new Date().toISOString(), quality: 1.5 }] }), auth);
    expect(badQuality.status).toBe(400);
    const b = (await badQuality.json()) as { error: { message: string; data: { fieldErrors: { path: string }[] } } };
    expect(b.error.data.fieldErrors.map((f) => f.path)).toEqual(["heartbeats.1.quality"]);
    expect(b.error.message).toContain("heartbeats.1.quality");
    const future = await post(JSON.stringify({ heartbeats: [{ siteId: conf.site["01"]!, at: new Date(Date.now() + 3_600_000).toISOString(), quality: 1 }] }), auth);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: { data: { fieldErrors: { path: string }[] } } }).error.data.fieldErrors[0]!.path).toBe("heartbeats.0.at");
    const noSite = await post(JSON.stringify({ heartbeats: [{ siteId: "08", at: new Date().toISOString(), quality: 1 }] }), auth);
    expect(((await noSite.json()) as { error: { data: { fieldErrors: { path: string }[] } } }).error.data.fieldErrors[0]!.path).toBe("heartbeats.0.siteId");
  });

  it("the sweep marks silent sites degraded, then disconnected", async () => {
    await beat(h, [{ siteId: conf.site["08-070"]!, quality: 1 }]);
    const now = Date.now();
    expect(await h.service.sweep(new Date(now + 1_000))).toBe(0);
    expect(await h.service.sweep(new Date(now + 12_000))).toBeGreaterThanOrEqual(1);
    const mid = (await organizer.conference.sites.list.query({ conferenceId: conf.id })).items.find((s) => s.code === "08-070");
    expect(mid?.linkState).toBe("degraded");
    await h.service.sweep(new Date(now + 25_000));
    const end = (await organizer.conference.sites.list.query({ conferenceId: conf.id })).items.find((s) => s.code === "08-070");
    expect(end).toMatchObject({ linkState: "disconnected", dropCount: 1 });
    const events = await h.db.prisma.outboxEvent.findMany({ where: { type: "conference.site.state_changed", aggregateId: conf.id }, orderBy: { id: "asc" } });
    const mine = events.map((e) => e.payload as { cause: string; from: string; to: string; siteCode: string }).filter((p) => p.siteCode === "08-070");
    expect(mine.map((p) => [p.from, p.to, p.cause])).toEqual([
      ["disconnected", "connected", "heartbeat"],
      ["connected", "degraded", "timeout"],
      ["degraded", "disconnected", "timeout"],
    ]);
  });

  it("takes a national batch: 2,000 sites in one request, one event per state change", async () => {
    const sites = Array.from({ length: 2_000 }, (_, i) => ({ code: `S${i}`, name: `Điểm cầu ${i}`, orgPath: `/${String((i % 63) + 1).padStart(2, "0")}/${String((i % 63) + 1).padStart(2, "0")}-CS${i}/`, chairName: "x", expectedAttendance: 10 }));
    const big = await newConference(sites);
    await organizer.conference.startConnecting.mutate({ conferenceId: big.id });
    const before = await h.db.prisma.outboxEvent.count();
    const at = nextInstant();
    const r = await beat(h, sites.map((s) => ({ siteId: big.site[s.code]!, quality: 0.9, at })));
    expect(r.body).toMatchObject({ received: 2000, applied: 2000, stateChanges: 2000 });
    expect((await h.db.prisma.outboxEvent.count()) - before).toBe(2000);
    const s = await organizer.conference.get.query({ conferenceId: big.id });
    expect(s.counters).toMatchObject({ sites: 2000, connected: 2000 });
    const { groups } = await organizer.conference.sites.byProvince.query({ conferenceId: big.id });
    expect(groups).toHaveLength(63);
    expect(groups.reduce((n, g) => n + g.connected, 0)).toBe(2000);
  });
});

describe("conference.events.stream", () => {
  interface Received {
    id: string;
    type: string;
    orgPath: string;
    aggregateId: string;
    payload: unknown;
  }

  function collect(client: Client, lastEventId: string | null) {
    const received: Received[] = [];
    const errors: unknown[] = [];
    const sub = client.conference.events.stream.subscribe(lastEventId ? { lastEventId } : {}, {
      onData: (e) => received.push({ ...(e.data as Omit<Received, "id">), id: e.id }),
      onError: (err) => errors.push(err),
    });
    return { received, errors, stop: () => sub.unsubscribe() };
  }


  it("emits every change in commit order, each payload valid for its type, resumable after any id", async () => {
    const realtime = h.client({ sub: "realtime", roles: ["service"], orgPaths: ["/"], azp: "realtime" });
    const start = String((await h.db.prisma.outboxEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n);
    const live = collect(realtime, start);

    const conf = await newConference();
    await organizer.conference.startConnecting.mutate({ conferenceId: conf.id });
    await beat(h, [{ siteId: conf.site["08"]!, quality: 1 }]);
    await h.client(siteOperator("/08/")).conference.sites.checkIn.mutate({ siteId: conf.site["08"]!, present: 30 });
    await h.client(siteOperator("/08/")).conference.sites.reportAttendance.mutate({ siteId: conf.site["08"]!, present: 31 });
    await organizer.conference.openSession.mutate({ conferenceId: conf.id });
    await organizer.conference.agenda.next.mutate({ conferenceId: conf.id });
    await organizer.conference.documents.disseminate.mutate({ conferenceId: conf.id, documents: [{ number: "137-QĐ/TW", kind: "regulation", title: "Quy định 137" }] });
    const { request } = await h.client(siteOperator("/08/")).conference.speakers.register.mutate({ siteId: conf.site["08"]!, speakerName: "Ma Thế Hồng" });
    await organizer.conference.agenda.next.mutate({ conferenceId: conf.id });
    await organizer.conference.agenda.next.mutate({ conferenceId: conf.id });
    await organizer.conference.floor.give.mutate({ conferenceId: conf.id, requestId: request.id });
    await organizer.conference.floor.end.mutate({ conferenceId: conf.id });
    await organizer.conference.conclusions.add.mutate({ conferenceId: conf.id, text: "Kết luận." });
    await organizer.conference.conclude.mutate({ conferenceId: conf.id });

    const expectedTypes: ConferenceEventType[] = [
      "conference.created",
      "conference.status_changed",
      "conference.site.state_changed",
      "conference.site.checked_in",
      "conference.site.attendance_changed",
      "conference.status_changed",
      "conference.agenda.advanced",
      "conference.document.disseminated",
      "conference.speaker.registered",
      "conference.agenda.advanced",
      "conference.agenda.advanced",
      "conference.speaker.changed",
      "conference.speaker.changed",
      "conference.conclusion.added",
      "conference.agenda.advanced",
      "conference.status_changed",
    ];
    const outbox = await h.db.prisma.outboxEvent.findMany({ where: { id: { gt: BigInt(start) } }, orderBy: { id: "asc" } });
    expect(outbox.map((e) => e.type)).toEqual(expectedTypes);
    await until(() => live.received.length >= outbox.length);
    live.stop();
    expect(live.errors).toEqual([]);
    expect(live.received.map((e) => e.id)).toEqual(outbox.map((e) => String(e.id)));
    expect(live.received.map((e) => e.type)).toEqual(expectedTypes);
    for (const e of live.received) {
      expect(e.aggregateId).toBe(conf.id);
      const parsed = conferenceEventSchemas[e.type as ConferenceEventType].safeParse(e.payload);
      expect(parsed.success, `${e.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    // Site-level events carry the site's org path (for the gateway's rooms); the rest the organizer's.
    expect(live.received.filter((e) => e.type.startsWith("conference.site.") || e.type.startsWith("conference.speaker.")).every((e) => e.orgPath === "/08/")).toBe(true);
    expect(live.received.find((e) => e.type === "conference.created")?.orgPath).toBe("/");
    const final = live.received.at(-1)!.payload as { to: string; final: { counters: { checkedIn: number; presentCount: number }; speeches: number } };
    expect(final).toMatchObject({ to: "concluded", final: { counters: { checkedIn: 1, presentCount: 31 }, speeches: 1 } });

    // Resume after the 5th event: exactly the rest.
    const resumed = collect(realtime, live.received[4]!.id);
    await until(() => resumed.received.length >= outbox.length - 5);
    await new Promise((r) => setTimeout(r, 300));
    resumed.stop();
    expect(resumed.received.map((e) => e.id)).toEqual(live.received.slice(5).map((e) => e.id));
  });

  it("is refused without a token and to roles that may not read it (every official reads it in scope; an auditor does not)", async () => {
    const anonymous = collect(h.client(null), null);
    const auditor = collect(h.client({ roles: ["auditor"], orgPaths: ["/08/"] }), null);
    await until(() => anonymous.errors.length > 0 && auditor.errors.length > 0);
    anonymous.stop();
    auditor.stop();
    expect((anonymous.errors[0] as { data?: { code?: string } }).data?.code).toBe("UNAUTHORIZED");
    expect((auditor.errors[0] as { data?: { code?: string } }).data?.code).toBe("FORBIDDEN");
    // The stream's rule is the contract's (conference's events show nothing conference.conferences.read
    // does not): a provincial board reads it, confined to its scope, like the centre reads all of it.
    const board = collect(h.client(provincialBoard("/08/")), null);
    const central = collect(h.client(CENTRAL_BOARD), null);
    await until(() => central.received.length > 0 && board.received.length > 0);
    central.stop();
    board.stop();
    expect(central.errors).toEqual([]);
    expect(board.errors).toEqual([]);
    expect(board.received.every((e) => (e as { orgPath: string }).orgPath.startsWith("/08/"))).toBe(true);
    expect(board.received.length).toBeLessThan(central.received.length);
    expect((await failure(h.client(null).conference.list.query({}))).code).toBe("UNAUTHORIZED");
  });
});
