import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { INSPECTION_FIGURES_CHANGED, type LiveEvent } from "@orgboard/contract-realtime";
import { freePort } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeServer } from "../src/server.js";
import { connectClient, type TestClient } from "./support/clients.js";
import { emitter, type EmitEvent } from "./support/emit.js";
import { startProbeService, type ProbeService } from "./support/probe-service.js";
import { inProcessRealtime, serviceTokenSource } from "./support/servers.js";

/**
 * Issue #9, finding 4: the gateway delivers a service's events only to sockets whose principal may read
 * that service's stream at the event's path, by the service's own rule (its contract package's row), and
 * inspection's counts-only readers get a content-free `inspection.figures.changed` instead. Real services
 * (the probe, playing membership and inspection: outbox rows in transactions, tRPC streams), the real
 * gateway consuming both, real socket.io clients.
 */
let issuer: TestIssuer;
let dir: string;
let membership: ProbeService;
let inspection: ProbeService;
let realtime: RealtimeServer;
let url: string;
let emitMembership: (events: EmitEvent[]) => Promise<string[]>;
let emitInspection: (events: EmitEvent[]) => Promise<string[]>;
const clients: TestClient[] = [];

async function client(roles: string[], orgPaths: string[], sub?: string) {
  const token = await issuer.mint({ orgPaths, roles, audience: "realtime", sub });
  const c = await connectClient(url, { token });
  clients.push(c);
  return c;
}
const settle = () => new Promise((r) => setTimeout(r, 400));
const types = (c: TestClient, service: string) => c.events.filter((e) => e.service === service).map((e) => `${e.type} ${e.orgPath}`);

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "realtime" });
  dir = mkdtempSync(join(tmpdir(), "realtime-access-"));
  const [mPort, iPort] = [await freePort(), await freePort()];
  membership = await startProbeService({ name: "membership", port: mPort, issuer: issuer.issuer, jwksUrl: issuer.jwksUrl });
  inspection = await startProbeService({ name: "inspection", port: iPort, issuer: issuer.issuer, jwksUrl: issuer.jwksUrl });
  emitMembership = emitter(membership.trpcUrl, "membership", serviceTokenSource(issuer, ["membership"]));
  emitInspection = emitter(inspection.trpcUrl, "inspection", serviceTokenSource(issuer, ["inspection"]));
  realtime = inProcessRealtime(
    issuer,
    { REALTIME_SERVICES: `membership=${membership.url},inspection=${inspection.url}`, DATA_DIR: dir },
    ["membership", "inspection"],
  );
  ({ url } = await realtime.start({ handleSignals: false }));
});

afterAll(async () => {
  for (const c of clients) c.close();
  await realtime.stop();
  await membership.stop();
  await inspection.stop();
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("membership's events reach only the readers of membership's stream; its figures readers get the notice", () => {
  it("a site operator receives nothing; a viewer and the officers `membership.figures.changed` for their scope; the provincial and central boards the events", async () => {
    const viewer = await client(["viewer"], ["/01/"]);
    const siteOperator = await client(["site_operator"], ["/01/"]);
    const personnel = await client(["personnel_officer", "inspection_committee"], ["/01/"]);
    const hanoi = await client(["provincial_board"], ["/01/"]);
    const central = await client(["central_board"], ["/"]);

    const ids = await emitMembership([
      { type: "membership.member.admitted", orgPath: "/01/01-007/", aggregateId: "m-1", payload: {} },
      { type: "membership.kpi.updated", orgPath: "/01/", aggregateId: "/01/", payload: {} },
      { type: "membership.member.admitted", orgPath: "/02/", aggregateId: "m-2", payload: {} },
    ]);
    await central.waitForEvents(3);
    await hanoi.waitForEvents(2);
    await settle();
    expect(central.events.map((e) => e.id)).toEqual(ids);
    expect(hanoi.events.map((e) => e.id)).toEqual([ids[0], ids[1]]);
    // Figures readers who may not read the stream (contract-realtime 1.4): the notice, with the event's id and key,
    // its organization's path and nothing else of it; never another province's.
    await viewer.waitForEvents(2);
    await personnel.waitForEvents(2);
    for (const c of [viewer, personnel]) {
      expect(c.events.map((e) => [e.service, e.type, e.id, e.key, e.orgPath, e.aggregateId, e.payload])).toEqual([
        ["membership", "membership.figures.changed", ids[0], `membership:${ids[0]}`, "/01/01-007/", "/01/01-007/", { orgPath: "/01/01-007/" }],
        ["membership", "membership.figures.changed", ids[1], `membership:${ids[1]}`, "/01/", "/01/", { orgPath: "/01/" }],
      ]);
    }
    expect(siteOperator.events).toEqual([]);
  });

  it("a refreshed token with another role changes what the socket receives at once (events, then the notice again)", async () => {
    const c = await client(["viewer"], ["/01/"], "official-42");
    const board = await issuer.mint({ orgPaths: ["/01/"], roles: ["provincial_board"], audience: "realtime", sub: "official-42" });
    expect(await c.socket.emitWithAck("auth:refresh", { token: board })).toMatchObject({ ok: true });
    await emitMembership([{ type: "membership.member.admitted", orgPath: "/01/", aggregateId: "m-3", payload: {} }]);
    await c.waitForEvents(1);
    const viewerAgain = await issuer.mint({ orgPaths: ["/01/"], roles: ["viewer"], audience: "realtime", sub: "official-42" });
    expect(await c.socket.emitWithAck("auth:refresh", { token: viewerAgain })).toMatchObject({ ok: true });
    await emitMembership([{ type: "membership.member.admitted", orgPath: "/01/", aggregateId: "m-4", payload: {} }]);
    await c.waitForEvents(2);
    await settle();
    expect(c.events.map((e) => [e.type, e.aggregateId])).toEqual([["membership.member.admitted", "m-3"], ["membership.figures.changed", "/01/"]]);
  });
});

describe("a restructuring mark reaches the boards below the marked committee (contract-realtime 1.3)", () => {
  it("a district's board gets `membership.ancestor.marked` (path and set-or-lifted only) for its province's mark; the province's and central boards the event; no one else", async () => {
    const district = await client(["provincial_board"], ["/01/01-007/"]);
    const otherProvinceDistrict = await client(["provincial_board"], ["/02/02-001/"]);
    const viewer = await client(["viewer"], ["/01/01-007/"]);
    const hanoi = await client(["provincial_board"], ["/01/"]);
    const central = await client(["central_board"], ["/"]);
    const mark = (moving: boolean, aggregateId: string): EmitEvent => ({
      type: "membership.organization.marked",
      orgPath: "/01/",
      aggregateId,
      payload: { orgId: aggregateId, orgCode: "01", orgPath: "/01/", moving, idempotencyKey: `plan:01:membership.mark`, effectiveOn: "2025-07-01" },
    });
    const ids = await emitMembership([mark(true, "org-1"), mark(false, "org-1")]);
    await district.waitForEvents(2);
    await viewer.waitForEvents(2);
    await hanoi.waitForEvents(2);
    await central.waitForEvents(2);
    await settle();
    // The district's board: the notice, with the event's id and key, and nothing of the organization but its path.
    expect(district.events.map((e) => [e.service, e.type, e.id, e.key, e.orgPath, e.aggregateId, e.payload])).toEqual([
      ["membership", "membership.ancestor.marked", ids[0], `membership:${ids[0]}`, "/01/", "/01/", { orgPath: "/01/", moving: true }],
      ["membership", "membership.ancestor.marked", ids[1], `membership:${ids[1]}`, "/01/", "/01/", { orgPath: "/01/", moving: false }],
    ]);
    // The province's and the central board: the event itself, once (no notice beside it).
    expect(types(hanoi, "membership")).toEqual(["membership.organization.marked /01/", "membership.organization.marked /01/"]);
    expect(types(central, "membership")).toEqual(["membership.organization.marked /01/", "membership.organization.marked /01/"]);
    // A viewer below it (figures only): the same notice (1.4); another province's district: nothing.
    expect(viewer.events.map((e) => [e.type, e.orgPath, e.payload])).toEqual([
      ["membership.ancestor.marked", "/01/", { orgPath: "/01/", moving: true }],
      ["membership.ancestor.marked", "/01/", { orgPath: "/01/", moving: false }],
    ]);
    expect(otherProvinceDistrict.events).toEqual([]);
  });

  it("other membership events at an ancestor are not told below it", async () => {
    const district = await client(["provincial_board"], ["/01/01-008/"]);
    await emitMembership([
      { type: "membership.kpi.updated", orgPath: "/01/", aggregateId: "/01/", payload: {} },
      { type: "membership.member.admitted", orgPath: "/01/01-008/", aggregateId: "m-9", payload: {} },
    ]);
    await district.waitForEvents(1);
    await settle();
    expect(types(district, "membership")).toEqual(["membership.member.admitted /01/01-008/"]);
  });
});

describe("inspection's events: cases to the inspection committee of the scope, counts-only notices to the boards", () => {
  it("Hà Nội's inspection committee gets Hà Nội's events only; boards get `inspection.figures.changed` for their scope, never an event", async () => {
    const hnInspection = await client(["inspection_committee"], ["/01/"]);
    const hanoi = await client(["provincial_board"], ["/01/"]);
    const central = await client(["central_board"], ["/"]);
    const viewer = await client(["viewer"], ["/01/"]);
    const both = await client(["inspection_committee", "provincial_board"], ["/01/"]);

    const payload = { decisionId: "0190a0a0-0000-7000-8000-000000000001", subjectKind: "member", memberId: 7, orgId: null, form: "expulsion" };
    const ids = await emitInspection([
      { type: "inspection.discipline.effective", orgPath: "/01/01-007/01-007-0031/", aggregateId: "d-1", payload },
      { type: "inspection.watch.added", orgPath: "/02/02-001/", aggregateId: "w-1", payload: { watchId: "w-1", addedOn: "2026-12-05" } },
      { type: "inspection.inspection.decided", orgPath: "/01/", aggregateId: "i-1", payload: { inspectionId: "i-1" } },
    ]);
    await hnInspection.waitForEvents(2);
    await hanoi.waitForEvents(2);
    await central.waitForEvents(3);
    await both.waitForEvents(2);
    await settle();

    // The committee: the cases of its scope, whole.
    expect(types(hnInspection, "inspection")).toEqual(["inspection.discipline.effective /01/01-007/01-007-0031/", "inspection.inspection.decided /01/"]);
    expect(hnInspection.events[0]).toMatchObject({ id: ids[0], key: `inspection:${ids[0]}`, payload });

    // The boards: one content-free notice per event in scope, same id and key, nothing of the case.
    const notices = (c: TestClient) => c.events.map((e: LiveEvent) => ({ id: e.id, key: e.key, type: e.type, orgPath: e.orgPath, aggregateId: e.aggregateId, payload: e.payload }));
    const notice = (i: number, orgPath: string) => ({ id: ids[i], key: `inspection:${ids[i]}`, type: INSPECTION_FIGURES_CHANGED, orgPath, aggregateId: orgPath, payload: { orgPath } });
    expect(notices(hanoi)).toEqual([notice(0, "/01/01-007/01-007-0031/"), notice(2, "/01/")]);
    expect(notices(central)).toEqual([notice(0, "/01/01-007/01-007-0031/"), notice(1, "/02/02-001/"), notice(2, "/01/")]);
    expect(JSON.stringify(central.events)).not.toContain("expulsion");

    // Neither role: nothing. Both roles: the cases, and no notice on top.
    expect(viewer.events).toEqual([]);
    expect(types(both, "inspection")).toEqual(types(hnInspection, "inspection"));
  });

  it("a board that subscribes to the notice's type alone gets the notices only", async () => {
    const hanoi = await client(["provincial_board"], ["/01/"]);
    expect(await hanoi.socket.emitWithAck("subscribe", { topics: [INSPECTION_FIGURES_CHANGED] })).toEqual({ ok: true, topics: [INSPECTION_FIGURES_CHANGED] });
    await emitMembership([{ type: "membership.member.admitted", orgPath: "/01/", aggregateId: "m-5", payload: {} }]);
    const [id] = await emitInspection([{ type: "inspection.petition.received", orgPath: "/01/", aggregateId: "p-1", payload: { petitionId: "p-1" } }]);
    await hanoi.waitForEvents(1);
    await settle();
    expect(hanoi.events.map((e) => [e.type, e.id])).toEqual([[INSPECTION_FIGURES_CHANGED, id]]);
  });
});
