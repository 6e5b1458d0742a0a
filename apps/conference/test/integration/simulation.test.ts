// A whole simulated quarterly conference with 67 sites, at full speed, through the real API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateConference, type SimulationReport, type SimulatorActor } from "../../src/simulator/index.js";
import { CENTRAL_BOARD, ORGANIZER, siteOperator, startHarness, type Harness } from "./harness.js";

let h: Harness;
let report: SimulationReport;

function tokenFor(actor: SimulatorActor): Promise<string> {
  switch (actor.kind) {
    case "organizer":
      return h.token({ ...ORGANIZER, orgPaths: [actor.orgPath] });
    case "site":
      return h.token(siteOperator(actor.orgPath));
    case "bridge":
      return h.issuer.mintService("video-bridge", { audience: "conference" });
  }
}

const SECRET = `whsec_${Buffer.from("simulated bridge secret, 32 byte").toString("base64")}`;

beforeAll(async () => {
  h = await startHarness({ bridgeWebhookSecret: SECRET });
  report = await simulateConference({ baseUrl: h.url, getToken: tokenFor, sites: 67, speed: Infinity, seed: 2024 });
}, 180_000);
afterAll(async () => {
  await h?.close();
});

describe("a simulated 67-site quarterly conference", () => {
  it("ends concluded with every agenda item done", () => {
    expect(report.final.conference.status).toBe("concluded");
    expect(report.final.agenda.map((i) => i.status)).toEqual(["done", "done", "done", "done", "done"]);
    expect(report.final.currentItemId).toBeNull();
    expect(report.final.speaker).toBeNull();
  });

  it("has counters consistent with the plan", () => {
    const c = report.final.counters;
    expect(c.sites).toBe(67);
    expect(c.connected + c.degraded + c.disconnected).toBe(67);
    expect(c.checkedIn).toBe(report.expected.checkedIn);
    expect(c.presentCount).toBe(report.expected.presentTotal);
    expect(c.presentCount).toBeLessThanOrEqual(c.expectedAttendance);
    // Only the site that never connected is down at the end.
    expect(c.disconnected).toBe(1);
    expect(report.final.speeches).toBe(report.expected.speeches);
    expect(report.final.queueLength).toBe(0);
    expect(report.final.documents.map((d) => d.number)).toEqual(["137-QĐ/TW", "138-QĐ/TW", "26-HD/BTCTW"]);
    expect(report.final.conclusions).toHaveLength(report.expected.conclusions);
    expect(report.observed.refusedFloor).toBe(report.expected.refusedFloor);
  });

  it("recorded the drops on the sites", async () => {
    const sites = [];
    let cursor: string | null = null;
    do {
      const page = await h.client(CENTRAL_BOARD).conference.sites.list.query({ conferenceId: report.conferenceId, limit: 50, cursor });
      sites.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sites).toHaveLength(67);
    expect(sites.reduce((n, s) => n + s.dropCount, 0)).toBe(report.expected.drops);
    const never = sites.find((s) => s.code === report.expected.neverConnects)!;
    expect(never).toMatchObject({ linkState: "disconnected", checkedInAt: null, lastHeartbeatAt: null });
  });

  it("agrees with the per-province roll-up", async () => {
    const { groups } = await h.client(CENTRAL_BOARD).conference.sites.byProvince.query({ conferenceId: report.conferenceId });
    expect(groups).toHaveLength(67);
    const sum = (k: keyof (typeof groups)[number]) => groups.reduce((n, g) => n + (g[k] as number), 0);
    expect(sum("sites")).toBe(67);
    expect(sum("checkedIn")).toBe(report.final.counters.checkedIn);
    expect(sum("presentCount")).toBe(report.final.counters.presentCount);
    expect(groups.find((g) => g.orgPath === "/08/")?.name).toBe("Điểm cầu Tỉnh ủy Tuyên Quang");
  });
});

describe("the simulator", () => {
  const summary = (r: SimulationReport) => ({
    status: r.final.conference.status,
    counters: r.final.counters,
    agenda: r.final.agenda.map((i) => i.status),
    speeches: r.final.speeches,
    speakers: r.final.queue.length,
    documents: r.final.documents.map((d) => d.number),
    conclusions: r.final.conclusions.map((c) => c.text),
    refused: r.observed.refusedFloor,
  });

  it("plays the same conference twice from the same seed", async () => {
    const a = await simulateConference({ baseUrl: h.url, getToken: tokenFor, sites: 12, speed: Infinity, seed: "same" });
    const b = await simulateConference({ baseUrl: h.url, getToken: tokenFor, sites: 12, speed: Infinity, seed: "same" });
    expect(b.conferenceId).not.toBe(a.conferenceId);
    expect(summary(b)).toEqual(summary(a));
    expect(a.final.counters.sites).toBe(12);
  });

  it("keeps time at a finite speed, signing the bridge's heartbeats", async () => {
    const speed = 2000;
    const progress: string[] = [];
    const r = await simulateConference({
      baseUrl: h.url,
      getToken: tokenFor,
      sites: 12,
      speed,
      seed: 5,
      bridgeWebhookSecret: SECRET,
      onProgress: (e) => progress.push(e.action),
    });
    expect(r.final.conference.status).toBe("concluded");
    expect(r.final.counters.checkedIn).toBe(r.expected.checkedIn);
    // 150-odd simulated minutes at 2000x take at least their compressed duration.
    expect(r.realDurationMs).toBeGreaterThanOrEqual((r.expected.durationMinutes * 60_000) / speed);
    // The schedule was compressed too: planned minutes shrink by the speed.
    expect(r.final.agenda[3]!.plannedMinutes * 60).toBe(Math.round((60 * 60) / speed));
    expect(progress[0]).toBe("create");
    expect(progress.at(-1)).toBe("conclude");
    // Every planned drop reached the service, even one shorter than the gap to the next action.
    const { items } = await h.client(CENTRAL_BOARD).conference.sites.list.query({ conferenceId: r.conferenceId, limit: 50 });
    expect(r.expected.drops).toBeGreaterThan(0);
    expect(items.reduce((n, s) => n + s.dropCount, 0)).toBe(r.expected.drops);
  });

  it("stops when aborted, and refuses a nonsense speed", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(simulateConference({ baseUrl: h.url, getToken: tokenFor, sites: 3, speed: Infinity, seed: 1, signal: controller.signal })).rejects.toThrow(/aborted/);
    await expect(simulateConference({ baseUrl: h.url, getToken: tokenFor, sites: 3, speed: 0, seed: 1 })).rejects.toThrow(/speed/);
  });
});
