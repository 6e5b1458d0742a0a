// A burst of 1,000 discipline decisions (expulsions): the time from each decision's commit in inspection to
// its effect committed in membership (issue #8: goal p99 < 1 s). Every part a real process, as deployed
// (test/processes/system.ts): identity, membership and inspection following each other's streams.
// Databases: PostgreSQL when BENCH_DATABASE_URL (or DATABASE_URL) is set, one per service; otherwise each
// service's embedded PGlite (what `npm start` runs). Figures in docs/inspection.md#benchmarks.
//
// How it is measured: both services stamp their outbox rows in the transaction that writes them
// (created_at = the transaction's start, a few ms before its commit). A decision's commit is its
// `inspection.discipline.effective` row in inspection's stream; its effect's commit is the
// `membership.decision.applied` row in membership's stream. Same machine, same clock.
import type { EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream } from "@orgboard/events";
import { afterAll, beforeAll, expect, it } from "vitest";
import buildInspection from "../test/processes/build.global.js";
import { startSystem, type System } from "../test/processes/system.js";

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1000);
/** Decisions in flight at once (officers of many commissions deciding in the same minutes). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const GOAL_P99_MS = 1000;
const CENTRAL = "tw.bantochuc";
const INSPECTOR = "hn.kiemtra";
const CELLS = ["/01/01-G1/01-C1/", "/01/01-K1/"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phong", "Quang", "Sơn", "Tâm", "Thắng", "Vinh"];

let sys: System;

async function pool<T>(n: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

/** Every event of a stream so far, read as the central board until it has been quiet for `quietMs`. */
async function readStream(url: string, path: string, quietMs = 2000): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let last = Date.now();
  const consumer = consumeEventStream({
    url: `${url}/trpc`,
    path,
    getToken: sys.token(CENTRAL),
    onEvent: (e) => {
      events.push(e);
      last = Date.now();
    },
  });
  while (Date.now() - last < quietMs) await new Promise((r) => setTimeout(r, 100));
  await consumer.stop();
  return events;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

beforeAll(async () => {
  buildInspection(); // the processes run dist/main.js
  sys = await startSystem({ databaseServer: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "" });
  await sys.start("membership");
  await sys.start("inspection");
  const orgs = sys.membership(CENTRAL).membership.orgs;
  await orgs.create.mutate({ parentPath: "/", code: "01", name: "Đảng bộ Thành phố Hà Nội", kind: "provincial_committee", openedOn: "1990-01-01" });
  await orgs.create.mutate({ parentPath: "/01/", code: "01-G1", name: "Đảng bộ Phường Ba Đình", kind: "grassroots_committee", openedOn: "1990-01-01" });
  await orgs.create.mutate({ parentPath: "/01/01-G1/", code: "01-C1", name: "Chi bộ Khu phố 1", kind: "subordinate_cell", openedOn: "1990-01-01" });
  await orgs.create.mutate({ parentPath: "/01/", code: "01-K1", name: "Chi bộ Trường THPT Chu Văn An", kind: "grassroots_cell", openedOn: "1990-01-01" });
}, 600_000);

afterAll(async () => {
  await sys?.close();
});

it(`a burst of ${DECISIONS} discipline decisions: decision commit → effect committed in membership (goal p99 < ${GOAL_P99_MS} ms)`, async () => {
  const m = sys.membership(CENTRAL).membership;
  const members = await pool(DECISIONS, async (i) =>
    (
      await m.members.create.mutate({
        orgPath: CELLS[i % CELLS.length]!,
        fullName: `Trần Văn ${GIVEN[i % GIVEN.length]}`,
        birthDate: "1980-05-01",
        gender: "male",
        ethnicity: "Kinh",
        nationalId: `001080${String(200_000 + i).padStart(6, "0")}`,
        status: "official",
        admittedOn: "2010-03-01",
        officialOn: "2011-03-01",
      })
    ).id,
  );

  const api = sys.inspection(INSPECTOR).inspection.discipline;
  const started = Date.now();
  const decided = await pool(DECISIONS, async (i) =>
    (
      await api.decide.mutate({
        subject: { kind: "member", memberId: members[i]! },
        form: "expulsion",
        decidedBy: { kind: "committee", orgPath: "/01/" },
        decisionNumber: `${1000 + i}-QĐ/TU`,
        decidedOn: "2026-11-02",
        announcedOn: "2026-11-03",
        degree: "very_serious",
        violatedOn: "2025-06-15",
        reason: "Vi phạm nghiêm trọng quy định về những điều đảng viên không được làm",
      })
    ).id,
  );
  const decidingMs = Date.now() - started;

  // Wait until membership has answered the last one, then read both streams.
  const ids = new Set(decided);
  let applied: EventEnvelope[] = [];
  const deadline = Date.now() + 600_000;
  for (;;) {
    applied = (await readStream(sys.membershipUrl, "membership.events.stream", 1000)).filter(
      (e) => e.type === "membership.decision.applied" && ids.has((e.payload as { decisionId: string }).decisionId),
    );
    if (applied.length >= DECISIONS || Date.now() > deadline) break;
  }
  const effective = (await readStream(sys.inspectionUrl, "inspection.events.stream", 1000)).filter(
    (e) => e.type === "inspection.discipline.effective" && ids.has((e.payload as { decisionId: string }).decisionId),
  );
  expect([effective.length, applied.length]).toEqual([DECISIONS, DECISIONS]);
  const decidedAt = new Map(effective.map((e) => [(e.payload as { decisionId: string }).decisionId, Date.parse(e.occurredAt)]));
  const latencies = applied.map((e) => Date.parse(e.occurredAt) - decidedAt.get((e.payload as { decisionId: string }).decisionId)!).sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const first = Math.min(...decidedAt.values());
  const lastEffect = Math.max(...applied.map((e) => Date.parse(e.occurredAt)));
  const databases = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL ? "PostgreSQL (one database per service)" : "embedded PGlite (one per service)";
  console.log(
    [
      "",
      `effects of a burst of discipline decisions — ${DECISIONS} expulsions, ${CONCURRENCY} decisions in flight, ${databases}, load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)}`,
      `  deciding took ${(decidingMs / 1000).toFixed(1)} s (${((DECISIONS / decidingMs) * 1000).toFixed(0)} decisions/s); first decision → last effect ${((lastEffect - first) / 1000).toFixed(1)} s`,
      `  decision commit → effect committed in membership: p50 ${p50} ms, p99 ${p99} ms, max ${latencies.at(-1)} ms, min ${latencies[0]} ms`,
      `  goal p99 < ${GOAL_P99_MS} ms: ${p99 < GOAL_P99_MS ? "met" : "NOT met"} (p99 / goal = ${(p99 / GOAL_P99_MS).toFixed(2)})`,
      "",
    ].join("\n"),
  );
});
