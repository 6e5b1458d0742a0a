// The saga survives kill -9 anywhere: restructuring runs as a real process (dist/main.js) that kills itself
// (SIGKILL: no shutdown, no flush) at an injected point (RESTRUCTURING_CRASH_AFTER=<step>:<phase>), is
// started again on its data, and resumed, point after point through one province merge (Hà Giang + Tuyên
// Quang → Tuyên Quang, real 2024 units), until a last resume finishes it. The end state is the one the
// domain derives (every organization created once, closed once, under the derived parent), no member lost
// or duplicated, each of membership's steps applied exactly once (a repeated call answered the stored result).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startTokenEndpoint } from "@orgboard/auth/testing";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyOrgChanges, compilePlan, deriveOrgChanges, officialPlan2025, type OrgNode } from "../../src/domain/index.js";
import { CENTRAL, clientOf, startMembership, type MembershipSide } from "../integration/saga-system.js";
import { createScratchDatabase } from "@orgboard/db/testing";

const APP = path.resolve(import.meta.dirname, "../../dist/main.js");
/** Each a restart: after the pending row (no call made), after the callee answered (ours not written), after done. */
const CRASHES = [
  "membership.mark:called",
  "membership.createOrgs:pending",
  "membership.createOrgs:called",
  "membership.reparent:called",
  "membership.reparent:done",
  "membership.closeOrgs:called",
  "verify:called",
  "membership.unmark:called",
];

let m: MembershipSide;
let tokens: Awaited<ReturnType<typeof startTokenEndpoint>>;
let dir = "";
let url = "";
let env: NodeJS.ProcessEnv = {};
let child: ChildProcess | null = null;
let log = "";
const drops: (() => Promise<void>)[] = [];
let treeBefore: readonly OrgNode[] = [];

async function start(crashAfter?: string): Promise<ChildProcess> {
  log = "";
  const c = spawn(process.execPath, [APP], { env: { ...process.env, ...env, ...(crashAfter ? { RESTRUCTURING_CRASH_AFTER: crashAfter } : {}) }, stdio: ["ignore", "ignore", "pipe"] });
  c.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child = c;
  await waitForUrl(`${url}/readyz`, { process: c, timeoutMs: 90_000 }).catch((err: unknown) => {
    throw new Error(`restructuring did not start: ${(err as Error).message}\n${log}`);
  });
  return c;
}

const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once("exit", () => r())));
const api = () => clientOf(url, m.issuer, CENTRAL).restructuring;

beforeAll(async () => {
  m = await startMembership(["02", "08"]);
  treeBefore = await m.link.tree.load();
  tokens = await startTokenEndpoint(m.issuer, { clientId: "restructuring", clientSecret: "crash-test-secret", audiences: ["membership"] });
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-restructuring-crash-"));
  url = `http://127.0.0.1:${await freePort()}`;
  const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
  let database: NodeJS.ProcessEnv = { DATABASE_URL: "", DATA_DIR: path.join(dir, "restructuring") };
  if (server) {
    const { url, drop } = await createScratchDatabase(server, "restructuring_crash");
    drops.push(drop);
    database = { DATABASE_URL: url, DATA_DIR: path.join(dir, "restructuring") };
  }
  env = {
    ...database,
    NODE_ENV: "production",
    PORT: url.split(":").pop()!,
    OIDC_ISSUER: m.issuer.issuer,
    OIDC_JWKS_URL: m.issuer.jwksUrl,
    OIDC_TOKEN_URL: tokens.url,
    OIDC_CLIENT_SECRET: "crash-test-secret",
    MEMBERSHIP_URL: m.url,
    AUDIT_ANCHOR_DIR: path.join(dir, "anchors"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    await exited(child);
  }
  await tokens?.close();
  await m?.close();
  for (const drop of drops) await drop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the saga killed (-9) at every step, resumed", () => {
  it("reaches the derived end state: nothing created twice, no member lost or duplicated", async () => {
    let c = await start(CRASHES[0]);
    const planId = (await api().plans.loadOfficial.mutate({})).id;
    await api().runs.start.mutate({ planId, provinceCodes: ["08"] });
    const started = Date.now();
    for (const [i, point] of CRASHES.entries()) {
      if (i > 0) c = await start(point);
      // The process dies inside the call: the caller sees the connection drop.
      await expect(api().runs.resume.mutate({ planId })).rejects.toThrow();
      await exited(c);
      expect(c.signalCode, `${point}\n${log}`).toBe("SIGKILL");
      expect(log).toContain(`crash injected after ${point}`);
    }
    c = await start();
    const view = await api().runs.resume.mutate({ planId });
    console.log(`one province merge through ${CRASHES.length} crashes and restarts: ${Date.now() - started} ms`);
    expect(view.status).toBe("done");
    const steps = view.provinces[0]!.steps;
    expect(steps.every((s) => s.status === "done")).toBe(true);
    // A step crashed after its pending row or its call ran again (attempt 2); the others once.
    const attempts = Object.fromEntries(steps.map((s) => [s.step, s.attempt]));
    expect(attempts).toEqual({ "membership.mark": 2, "membership.createOrgs": 3, "membership.reparent": 2, "membership.closeOrgs": 2, verify: 2, "membership.unmark": 2 });

    // Membership applied each step exactly once (the repeats were answered from the stored result).
    const applied = await m.q<{ idempotency_key: string }>(`SELECT idempotency_key FROM restructuring_step ORDER BY applied_at`);
    expect(applied.map((a) => a.idempotency_key.slice(planId.length + 1))).toEqual(["08:membership.mark", "08:membership.createOrgs", "08:membership.reparent", "08:membership.closeOrgs", "08:membership.unmark"]);
    const audits = await m.q<{ entity_id: string; n: number }>(`SELECT entity_id, count(*)::int AS n FROM audit_record WHERE entity = 'RestructuringStep' GROUP BY entity_id`);
    expect(audits.every((a) => a.n === 1)).toBe(true);

    // The end state is the derived one: every organization's parent, kind and closed flag.
    const compiled = compilePlan(officialPlan2025());
    const expected = applyOrgChanges(treeBefore, deriveOrgChanges(compiled, treeBefore).changes);
    const after = await m.link.tree.load();
    const shape = (t: readonly OrgNode[]) => t.map((o) => `${o.code} ${o.parentCode ?? "/"} ${o.kind} ${o.closed ? "closed" : "open"}`).sort();
    expect(shape(after)).toEqual(shape(expected));
    // No member lost or duplicated: the same members, each in an open cell of the new province, one open period each.
    const [members] = await m.q<{ n: number; distinct_ids: number; placed: number; periods: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT m.id)::int AS distinct_ids,
              (count(*) FILTER (WHERE o.closed_on IS NULL AND o.kind IN ('grassroots_cell', 'subordinate_cell') AND m.org_path = o.path AND o.path LIKE '/08-2025/%'))::int AS placed,
              (SELECT count(*)::int FROM membership_period p WHERE p.ended_on IS NULL) AS periods
       FROM member m JOIN party_organization o ON o.id = m.org_id`,
    );
    expect(members).toEqual({ n: m.seeded.members, distinct_ids: m.seeded.members, placed: m.seeded.members, periods: m.seeded.members });
    expect((await api().runs.verify.query({ planId })).ok).toBe(true);
  });
});
