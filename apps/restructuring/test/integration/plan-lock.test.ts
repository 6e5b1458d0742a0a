// Two restructuring instances resuming one plan at once (docs/restructuring.md "Execution", plan-lock.ts): the
// second is refused (CONFLICT, "đang được chạy") while the first holds the plan; every step runs once. The
// instances share one database as two replicas would: on PostgreSQL (TEST_DATABASE_URL/DATABASE_URL) each has
// its own pool, so only the server's advisory lock keeps them apart; on PGlite both open one data directory
// (the embedded database has one process: the guard is per database in memory). The first runner is held
// after its first step until the second was refused, so the overlap is certain. On PostgreSQL the first
// runner's lock connection is then cut (pg_terminate_backend): it starts no further step and the second takes over.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTokenVerifier } from "@orgboard/auth";
import { createLogger, type Service } from "@orgboard/server-kit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planLocker } from "../../src/app/plan-lock.js";
import type { MembershipSteps } from "../../src/app/steps.js";
import { openDatabase, type Database } from "../../src/db.js";
import { createRestructuringService } from "../../src/server.js";
import { CENTRAL, clientOf, startMembership, type MembershipSide } from "./saga-system.js";
import { createScratchDatabase } from "@orgboard/db/testing";

let m: MembershipSide;
const dbs: Database[] = [];
const services: Service[] = [];
const urls: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
let release!: () => void;
const held = new Promise<void>((r) => (release = r));
let holding = false;
/** PostgreSQL (TEST_DATABASE_URL/DATABASE_URL) and the restructuring database's name on it, else "". */
const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
let dbName = "";

beforeAll(async () => {
  m = await startMembership(["02", "08"]);
  let open: { databaseUrl: string } | { dataDir: string };
  if (server) {
    const scratch = await createScratchDatabase(server, "restructuring_lock");
    dbName = scratch.name;
    cleanups.push(scratch.drop);
    open = { databaseUrl: scratch.url };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "restructuring-lock-"));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    open = { dataDir: path.join(dir, "restructuring") };
  }
  // The first instance's membership steps: after the mark answered, wait until the test lets it go on.
  const gated: MembershipSteps = {
    ...m.link.steps,
    mark: async (input) => {
      const answer = await m.link.steps.mark(input);
      if (input.moving) {
        holding = true;
        await held;
      }
      return answer;
    },
  };
  for (const membership of [gated, m.link.steps]) {
    const db = await openDatabase(open);
    dbs.push(db);
    const service = createRestructuringService({ db, tree: m.link.tree, membership, verifier: createTokenVerifier(m.issuer.verifierOptions("restructuring")), logger: createLogger({ name: "test", level: "silent" }), closeDatabase: false });
    services.push(service);
    urls.push((await service.start({ handleSignals: false })).url);
  }
}, 180_000);

afterAll(async () => {
  release?.();
  for (const s of services) await s.stop();
  for (const db of dbs) await db.close();
  for (const c of cleanups.reverse()) await c();
  await m?.close();
});

describe("two instances resuming one plan at once", () => {
  it("the second is refused while the first runs (on PostgreSQL: takes over when the first's lock connection is cut); every step once; the lock released after", async () => {
    const [a, b] = urls.map((u) => clientOf(u, m.issuer, CENTRAL).restructuring);
    const { id: planId } = await a!.plans.loadOfficial.mutate({});
    await a!.runs.start.mutate({ planId, provinceCodes: ["08"] });
    const first = a!.runs.resume.mutate({ planId });
    first.catch(() => undefined);
    while (!holding) await new Promise((r) => setTimeout(r, 100));
    // The second instance: refused while the first holds the plan (on PostgreSQL after its few seconds of retries).
    await expect(b!.runs.resume.mutate({ planId })).rejects.toThrow(/đang được chạy.*already running/);
    let view;
    if (server) {
      // PostgreSQL: the lock's connection is cut (as a server restart or a network cut would) while the first
      // runner is inside its first step. The process survives it, the lock is gone with the connection, and the
      // runner starts no further step: the province fails saying so, and the other instance takes over.
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      try {
        const locks = async () =>
          (await admin.query<{ pid: number }>(`SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1`, [dbName])).rows;
        const [holder] = await locks();
        expect(holder).toBeDefined();
        await admin.query(`SELECT pg_terminate_backend($1)`, [holder!.pid]);
        while ((await locks()).length > 0) await new Promise((r) => setTimeout(r, 50));
        // The runner's client has the server's FATAL by now (it is sent before the backend exits); a few turns of
        // this process's event loop deliver it.
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await admin.end();
      }
      release();
      const cut = await first;
      expect(cut.status).toBe("running");
      expect(cut.provinces[0]!.status).toBe("failed");
      expect(cut.provinces[0]!.error).toMatch(/^membership\.createOrgs: mất khóa chạy đề án .* \/ the plan's run lock was lost/);
      // On the stream with its audit record (contract 1.8): no step failed, so this event is how the progress
      // screen, which has no polling, learns of the stop.
      const stopped = await dbs[0]!.prisma.outboxEvent.findMany({ where: { type: "restructuring.province.stopped" } });
      expect(stopped.map((e) => [e.orgPath, e.payload])).toEqual([
        [cut.provinces[0]!.orgPath, { planId, provinceCode: "08", step: "membership.createOrgs", reason: "lock_lost", error: cut.provinces[0]!.error }],
      ]);
      const audit = await dbs[0]!.prisma.auditRecord.findMany({ where: { entity: "run_province", entityId: `${planId}:08` } });
      expect(audit.map((x) => x.after)).toContainEqual({ status: "failed", stoppedBefore: "membership.createOrgs", reason: "lock_lost" });
      // The first instance still serves (an unhandled client error would have stopped the process).
      await expect(a!.runs.get.query({ planId })).resolves.toMatchObject({ status: "running" });
      view = await b!.runs.resume.mutate({ planId });
    } else {
      release();
      view = await first;
    }
    expect(view.status).toBe("done");
    const steps = view.provinces[0]!.steps;
    expect(steps.map((s) => [s.step, s.status, s.attempt])).toEqual(["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs", "verify", "membership.unmark"].map((s) => [s, "done", 1]));
    // Membership applied each step once, and the saga's log has one row per step.
    const applied = await m.q<{ idempotency_key: string }>(`SELECT idempotency_key FROM restructuring_step ORDER BY applied_at`);
    expect(applied.map((x) => x.idempotency_key.slice(planId.length + 1))).toEqual(["08:membership.mark", "08:membership.createOrgs", "08:membership.reparent", "08:membership.closeOrgs", "08:membership.unmark"]);
    expect(await dbs[1]!.prisma.sagaStep.count({ where: { planId } })).toBe(6);
    // Released: the other instance's database handle takes the plan's lock now.
    const unlock = await planLocker(dbs[1]!.shared.native, { waitMs: 0 })(planId);
    expect(unlock).not.toBeNull();
    expect(unlock!.lost).toBe(false);
    await unlock!.release();
    await expect(b!.runs.resume.mutate({ planId })).rejects.toThrow(/done/);
  });
});
