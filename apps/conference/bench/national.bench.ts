// A national conference reaching the grassroots: 16,240 sites (December 2023). Measures the bridge's
// heartbeat batches (the hot path: every 5 s), the link sweep, check-ins from many rooms at once, and
// the dashboard's reads. BENCH_SITES overrides the size; BENCH_FULL=1 also plays the whole simulation.
import { afterAll, beforeAll, expect, it } from "vitest";
import { planConference, simulateConference, type SimulatorActor } from "../src/simulator/index.js";
import { CENTRAL_BOARD, ORGANIZER, beat, conferenceInput, nextInstant, siteOperator, startHarness, type Harness } from "../test/integration/harness.js";

const SITES = Number(process.env.BENCH_SITES ?? 16_240);
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

let h: Harness;
const rows: [string, string, string][] = [];
const ms = (t: number) => `${Math.round(t)} ms`;
async function time<T>(label: string, detail: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  rows.push([label, detail, ms(performance.now() - t)]);
  return out;
}
async function median(label: string, n: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  rows.push([label, `median of ${n}`, ms(times[Math.floor(n / 2)]!)]);
}

beforeAll(async () => {
  // Throughput, not limits, is measured here: the request rate limits are off (docs/security.md, "Limits").
  h = await startHarness({ rateLimits: false });
});
afterAll(async () => {
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 10];
  console.log(`\nconference bench, ${SITES} sites, ${h.db.kind}\n${rows.map((r) => `${r[0].padEnd(w[0]!)}  ${r[1].padEnd(w[1]!)}  ${r[2].padStart(w[2]!)}`).join("\n")}`);
  await h?.close();
});

it(`heartbeats, sweep, check-ins and reads for ${SITES} sites`, async () => {
  const organizer = h.client(ORGANIZER);
  const plan = planConference({ sites: SITES, seed: 1 });
  const c = await time("create + sites.add", `${SITES} sites`, async () => {
    const created = await organizer.conference.create.mutate(conferenceInput({ sites: plan.sites.slice(0, 2000) }));
    for (let i = 2000; i < plan.sites.length; i += 5000) await organizer.conference.sites.add.mutate({ conferenceId: created.id, sites: plan.sites.slice(i, i + 5000) });
    return created;
  });
  const ids: string[] = [];
  const byCode = new Map<string, { id: string; orgPath: string }>();
  await time("sites.list, all pages", "200 a page", async () => {
    let cursor: string | null = null;
    do {
      const page = await organizer.conference.sites.list.query({ conferenceId: c.id, limit: 200, cursor });
      for (const s of page.items) {
        ids.push(s.id);
        byCode.set(s.code, { id: s.id, orgPath: s.orgPath });
      }
      cursor = page.nextCursor;
    } while (cursor);
  });
  await organizer.conference.startConnecting.mutate({ conferenceId: c.id });

  const all = (quality: (i: number) => number) => {
    const at = nextInstant();
    return ids.map((siteId, i) => ({ siteId, quality: quality(i), at }));
  };
  const first = await time("heartbeat batch: all connect", `${SITES} state changes`, () => beat(h, all(() => 0.95)));
  expect(first.body).toMatchObject({ applied: SITES, stateChanges: SITES });
  const steady = await time("heartbeat batch: steady", "no change", () => beat(h, all(() => 0.9)));
  expect(steady.body).toMatchObject({ applied: SITES, stateChanges: 0 });
  const drops = Math.round(SITES * 0.05);
  const dropped = await time("heartbeat batch: 5 % drop", `${drops} state changes`, () => beat(h, all((i) => (i % 20 === 0 ? 0 : 0.9))));
  expect(dropped.body).toMatchObject({ stateChanges: Math.ceil(SITES / 20) });
  const swept = await time("sweep: every site silent", "→ degraded", () => h.service.sweep(new Date(Date.now() + 12_000)));
  expect(swept).toBe(SITES - Math.ceil(SITES / 20));
  await beat(h, all(() => 0.95));

  const checkIns = Math.min(2000, SITES);
  const targets = plan.sites.slice(0, checkIns);
  await time("check-ins, 16 rooms at a time", `${checkIns} sites`, async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < targets.length) {
          const s = targets[next++]!;
          await h.client(siteOperator(s.orgPath)).conference.sites.checkIn.mutate({ siteId: byCode.get(s.code)!.id, present: s.expectedAttendance });
        }
      }),
    );
  });
  const board = h.client(CENTRAL_BOARD);
  await median("conference.get (snapshot)", 20, () => board.conference.get.query({ conferenceId: c.id }));
  await median("conference.sites.byProvince", 20, () => board.conference.sites.byProvince.query({ conferenceId: c.id }));
  await median("conference.sites.list (disconnected)", 20, () => board.conference.sites.list.query({ conferenceId: c.id, linkState: "disconnected" }));
  await median("conference.sites.list (one province)", 20, () => board.conference.sites.list.query({ conferenceId: c.id, orgPath: "/08/" }));
});

it.runIf(process.env.BENCH_FULL === "1")(`a whole simulated ${SITES}-site conference`, async () => {
  const token = (actor: SimulatorActor) =>
    actor.kind === "organizer" ? h.token(ORGANIZER) : actor.kind === "site" ? h.token(siteOperator(actor.orgPath)) : h.issuer.mintService("video-bridge", { audience: "conference" });
  const report = await time("simulateConference", `${SITES} sites, speed ∞`, () => simulateConference({ baseUrl: h.url, getToken: token, sites: SITES, speed: Infinity, seed: 1, concurrency: 16 }));
  expect(report.final.conference.status).toBe("concluded");
  expect(report.final.counters.checkedIn).toBe(report.expected.checkedIn);
});
