// The done-when of issue #14, end to end at the smallest scale that holds every unit: membership seeded by
// the operator command (`orgboard operator seed --scale skeleton --units 2024`, the real executable) as of
// 30/06/2025 on the 63 provinces, their district committees and all 10,035 communes (few members each), then
// `orgboard restructure plan load → run → verify` (the real executable against real membership and
// restructuring services): verify reports 63 → 34 provinces, 10,035 → 3,321 communes, no district committee,
// every member accounted for — and membership's own tables say the same (counted here, not taken from verify).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { openMembershipDatabase, openTestDatabase, type MembershipDatabase, type TestDatabase } from "@orgboard/membership";
import { createMembershipService } from "@orgboard/membership/server";
import { createRestructuringService, membershipLink, openDatabase } from "@orgboard/restructuring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
let issuer: TestIssuer;
let membership: ReturnType<typeof createMembershipService> | undefined;
let restructuring: ReturnType<typeof createRestructuringService> | undefined;
let mdb: MembershipDatabase | undefined;
let pg: TestDatabase | undefined;
let env: NodeJS.ProcessEnv = {};
const dataDir = mkdtempSync(path.join(tmpdir(), "orgboard-restructure-national-"));
const timings: string[] = [];

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...env, ...extraEnv } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

async function counts(db: MembershipDatabase, edition: "2024" | "2025") {
  const { rows } = await db.query<{ provinces: number; communes: number; districts: number; members: number; on_closed: number; not_in_cell: number }>(
    `SELECT
       (SELECT count(*)::int FROM party_organization WHERE closed_on IS NULL AND kind = 'provincial_committee' AND admin_unit_code IS NOT NULL) AS provinces,
       (SELECT count(DISTINCT admin_unit_code)::int FROM party_organization WHERE closed_on IS NULL AND kind = 'grassroots_committee' AND admin_unit_code ~ '^[0-9]{5}$'
          AND admin_unit_edition = $1) AS communes,
       (SELECT count(*)::int FROM party_organization o WHERE closed_on IS NULL AND kind = 'upper_grassroots_committee' AND admin_unit_code ~ '^[0-9]{3}$'
          AND admin_unit_edition = '2024') AS districts,
       (SELECT count(*)::int FROM member WHERE status IN ('official', 'probationary')) AS members,
       (SELECT count(*)::int FROM member m JOIN party_organization o ON o.id = m.org_id WHERE m.status IN ('official', 'probationary') AND o.closed_on IS NOT NULL) AS on_closed,
       (SELECT count(*)::int FROM member m JOIN party_organization o ON o.id = m.org_id WHERE m.status IN ('official', 'probationary') AND o.kind NOT IN ('grassroots_cell', 'subordinate_cell')) AS not_in_cell`,
    [edition],
  );
  return rows[0]!;
}

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "restructuring" });
  env = { ...process.env, ORGBOARD_DATA_DIR: path.join(dataDir, "data"), ORGBOARD_DEBUG: "", ORGBOARD_EMBEDDED_BACKUP: "off" };
  delete env.DATABASE_URL;
  // PostgreSQL when the run gives one (a fresh database the CLI and the service share), else the embedded
  // database under ORGBOARD_DATA_DIR, which the service opens once the CLI has closed it.
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) {
    pg = await openTestDatabase();
    env.DATABASE_URL = pg.url;
  }
}, 180_000);

afterAll(async () => {
  await restructuring?.stop();
  await membership?.stop();
  await mdb?.close().catch(() => undefined);
  await pg?.close();
  await issuer?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (timings.length) process.stdout.write(`restructure national (skeleton scale): ${timings.join("; ")}\n`);
});

describe("the 2025 restructuring replayed on every province and commune (done-when, #14)", () => {
  it("operator seed --units 2024 → plan load → run → verify: 63 → 34, 10,035 → 3,321, no district committee, every member accounted for", async () => {
    const seed = await run(["operator", "seed", "--scale", "skeleton", "--units", "2024", "--seed", "1"]);
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stdout).toMatch(/seeded skeleton \(seed 1, 2024 units, as of 2025-06-30\)/);
    timings.push(`seed ${(seed.ms / 1000).toFixed(1)} s`);

    mdb = pg ? await openMembershipDatabase({ databaseUrl: pg.url, poolSize: 5 }) : await openMembershipDatabase({ dataDir: path.join(dataDir, "data", "membership") });
    const before = await counts(mdb, "2024");
    expect(before.provinces).toBe(63);
    expect(before.communes).toBe(10_035);
    expect(before.districts).toBeGreaterThan(600);
    expect(before.members).toBeGreaterThan(50_000);
    expect(before.on_closed + before.not_in_cell).toBe(0);

    membership = createMembershipService({ db: mdb, verifier: createTokenVerifier(issuer.verifierOptions("membership")), today: () => "2026-11-20", rateLimits: false });
    const { url: murl } = await membership.start({ handleSignals: false });
    const link = membershipLink({ url: murl, getToken: () => issuer.mintService("restructuring", { audience: ["restructuring", "membership"] }) });
    const rdb = await openDatabase({ dataDir: "memory://" });
    restructuring = createRestructuringService({ db: rdb, tree: link.tree, membership: link.steps, verifier: createTokenVerifier(issuer.verifierOptions("restructuring")) });
    const url = (await restructuring.start({ handleSignals: false })).url;
    const token = await issuer.mint({ audience: "restructuring", sub: "central-1", roles: ["central_board"], orgPaths: ["/"], expiresIn: 7200 });
    env = { ...env, ORGBOARD_TOKEN: token, RESTRUCTURING_URL: url };

    const load = await run(["restructure", "plan", "load", "--json"]);
    expect(load.code, load.stderr).toBe(0);
    const planId = (JSON.parse(load.stdout) as { id: string }).id;

    const r = await run(["restructure", "plan", "run", planId]);
    timings.push(`run ${(r.ms / 1000).toFixed(1)} s`);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/— done, hiệu lực \/ effective 01\/07\/2025; 34\/34 tỉnh xong \/ provinces done/);
    expect(r.stderr.match(/^Tỉnh \d\d .*: xong \/ done/gm)).toHaveLength(34);

    const v = await run(["restructure", "plan", "verify", planId]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain("KIỂM TRA BẢO TOÀN / CONSERVATION CHECK — ĐẠT / OK");
    expect(v.stdout).toContain("Tỉnh / provinces: 63 → 34; xã / communes: 10.035 → 3.321");
    expect(v.stdout).toContain("Đảng bộ cấp huyện còn lại / district committees left: 0");
    expect(v.stdout).toContain("ở tổ chức đã giải thể / on closed organizations: 0; không ở chi bộ / not in a cell: 0");
    expect(v.stdout.match(/^ {2}Tỉnh \d\d .*✓$/gm)).toHaveLength(34);

    // Membership's own tables, counted here: the 2025 units only, every member still there, in an open cell.
    const after = await counts(mdb, "2025");
    expect(after.provinces).toBe(34);
    expect(after.districts).toBe(0);
    expect(after.members).toBe(before.members);
    expect(after.on_closed + after.not_in_cell).toBe(0);
    // Every 2025 commune (and đặc khu) has its committee on the 2025 units.
    expect(after.communes).toBe(3_321);
  }, 3_600_000);
});
