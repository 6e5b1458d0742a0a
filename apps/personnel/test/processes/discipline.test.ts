// The whole flow with every part a real process: identity (the realm's logins), membership, inspection
// (apps/inspection/test/processes/system.ts starts them) and personnel from its dist/main.js, each on its
// own database. A warning decided in inspection takes the cadre out of planning and appointment in
// personnel for the rules' period, exactly once, though personnel was down when it was decided and is
// killed (-9) and started again afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServiceLinks, type EventEnvelope } from "@orgboard/contracts";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { consumeEventStream } from "@orgboard/events";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { createTRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember, createTree, INSPECTOR, startSystem, TREE, type System } from "../../../inspection/test/processes/system.js";
import { createScratchDatabase } from "@orgboard/db/testing";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
/** The personnel officer of Hà Nội in the realm file (scope /01/). */
const OFFICER = "hn.nhansu";

let sys: System;
let personnel: ChildProcess | null = null;
let personnelLog = "";
let dir = "";
let env: NodeJS.ProcessEnv = {};
let url = "";
const drops: (() => Promise<void>)[] = [];

async function startPersonnel(): Promise<void> {
  personnelLog = "";
  const child = spawn(process.execPath, [path.join(ROOT, "apps/personnel/dist/main.js")], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => (personnelLog = (personnelLog + d.toString()).slice(-20_000)));
  personnel = child;
  await waitForUrl(`${url}/readyz`, { process: child, timeoutMs: 90_000 }).catch((err: unknown) => {
    throw new Error(`personnel did not start: ${(err as Error).message}\n${personnelLog}`);
  });
}

async function killPersonnel(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  const p = personnel;
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill(signal);
  });
}

const api = () => createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: `${url}/trpc` }, sys.token(OFFICER))] }).personnel;

/**
 * personnel's stream as the officer, read from its start until `complete` holds (under load the replay can
 * pause for seconds between events: a fixed quiet time once cut it short in CI), then for `quietMs` more, so
 * an event applied twice would be read too.
 */
async function personnelEvents(complete: (events: readonly EventEnvelope[]) => boolean, quietMs = 2000): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  const consumer = consumeEventStream({ url: `${url}/trpc`, path: "personnel.events.stream", getToken: sys.token(OFFICER), onEvent: (e) => {
    events.push(e);
  } });
  try {
    const end = Date.now() + 120_000;
    while (!complete(events) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, quietMs));
  } finally {
    await consumer.stop();
  }
  return events;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${personnelLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  sys = await startSystem();
  await sys.start("membership");
  await sys.start("inspection");
  await createTree(sys);
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-personnel-"));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
  let database: NodeJS.ProcessEnv = { DATABASE_URL: "", DATA_DIR: path.join(dir, "personnel") };
  if (server) {
    const { url, drop } = await createScratchDatabase(server, "personnel_effects");
    drops.push(drop);
    database = { DATABASE_URL: url, DATA_DIR: path.join(dir, "personnel") };
  }
  env = {
    ...database,
    NODE_ENV: "production",
    PORT: String(port),
    OIDC_ISSUER: `${sys.identityUrl}/realms/orgboard`,
    MEMBERSHIP_URL: sys.membershipUrl,
    INSPECTION_URL: sys.inspectionUrl,
    // identity runs in development mode: the realm file's development secret of the `personnel` client.
    OIDC_CLIENT_SECRET: "dev-personnel-secret",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  };
});

afterAll(async () => {
  await killPersonnel("SIGTERM");
  await sys?.close();
  for (const drop of drops) await drop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a warning decided in inspection, with personnel as a process", () => {
  // Four starts of personnel and two catch-ups: minutes on a loaded CI machine (240 s once was not enough).
  it("bars planning and appointment for 30 months from the announcement, exactly once across restarts", { timeout: 600_000 }, async () => {
    const memberId = await createMember(sys, TREE.c1, 1);
    const other = await createMember(sys, TREE.c1, 2);
    await startPersonnel();
    const cadre = await api().cadres.create.mutate({ orgPath: TREE.p1, memberId, nationalId: "001080100001", fullName: "Nguyễn Văn Bình", birthDate: "1980-05-01", gender: "male" });
    await api().cadres.create.mutate({ orgPath: TREE.p1, memberId: other, nationalId: "001080100002", fullName: "Nguyễn Văn Cường", birthDate: "1980-05-01", gender: "male" });
    const post = await api().posts.create.mutate({ orgPath: TREE.p1, title: "Phó Bí thư Thành ủy", kind: "leadership", body: "party", termStartYear: 2030, termEndYear: 2035 });
    const today = new Date().toISOString().slice(0, 10);
    await api().planning.addCandidate.mutate({ postId: post.id, cadreId: cadre.id, addedOn: today });

    // Decided while personnel is down: applied when it comes back, from its checkpoint.
    await killPersonnel();
    const warning = await sys.inspection(INSPECTOR).inspection.discipline.decide.mutate({
      subject: { kind: "member", memberId },
      form: "warning",
      decidedBy: { kind: "committee", orgPath: TREE.p1 },
      decisionNumber: "701-QĐ/TU",
      decidedOn: "2026-11-02",
      announcedOn: "2026-11-03",
      degree: "serious",
      violatedOn: "2025-06-15",
      reason: "Vi phạm quy định về trách nhiệm nêu gương",
    });
    await startPersonnel();
    const barred = await until("the warning's bars", async () => {
      const c = await api().cadres.get.query({ cadreId: cadre.id });
      return c.bars.length > 0 ? c : null;
    });
    expect(barred.bars.map((b) => [b.purpose, b.from, b.until, b.decisionId])).toEqual([
      ["appointment", "2026-11-03", "2029-05-03", warning.id],
      ["planning", "2026-11-03", "2029-05-03", warning.id],
    ]);
    expect(barred.pool).toMatchObject([{ removalReason: "discipline" }]);
    const refused = await api().planning.addCandidate.mutate({ postId: post.id, cadreId: cadre.id, addedOn: today }).catch((e: unknown) => e as Error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/không được quy hoạch do kỷ luật/);

    // Killed and started again: nothing is applied twice; the next decision is applied once too.
    await killPersonnel();
    await startPersonnel();
    const second = await sys.inspection(INSPECTOR).inspection.discipline.decide.mutate({
      subject: { kind: "member", memberId: other },
      form: "reprimand",
      decidedBy: { kind: "committee", orgPath: TREE.p1 },
      decisionNumber: "702-QĐ/TU",
      decidedOn: "2026-11-02",
      announcedOn: "2026-11-03",
      degree: "less_serious",
      violatedOn: "2025-06-15",
      reason: "Vi phạm quy chế làm việc",
    });
    await until("the reprimand's bars", async () => (await api().cadres.list.query({ orgPath: TREE.p1 })).items.some((c) => c.bars.some((b) => b.decisionId === second.id)));
    await killPersonnel();
    await startPersonnel();
    const events = await personnelEvents((es) => es.filter((e) => e.type === "personnel.bar.applied").length >= 4 && es.some((e) => e.type === "personnel.pool.removed"));
    const bars = events.filter((e) => e.type === "personnel.bar.applied");
    expect(bars.map((e) => [(e.payload as { decisionId: string }).decisionId, (e.payload as { purpose: string }).purpose])).toEqual([
      [warning.id, "appointment"],
      [warning.id, "planning"],
      [second.id, "appointment"],
      [second.id, "planning"],
    ]);
    expect(events.filter((e) => e.type === "personnel.pool.removed")).toHaveLength(1);
    expect((await api().cadres.get.query({ cadreId: cadre.id })).bars).toHaveLength(2);
    expect((await api().effects.list.query({ orgPath: TREE.p1 })).items).toEqual([]);
  });
});
