// `orgboard operator audit verify` as the real executable, on the embedded database (PostgreSQL when
// TEST_DATABASE_URL is set): an intact chain with its signed anchor passes (exit 0); an edited record, a
// deleted one and a deleted tail fail (exit 1) naming the record; a forged anchor file fails.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { anchorPaths, loadOrCreateAnchorKey, recordChange, writeAnchor } from "@orgboard/events";
import { openMembershipDatabase, openTestDatabase, type MembershipDatabase, type TestDatabase } from "@orgboard/membership";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
let dir: string;
let anchors: string;
let env: NodeJS.ProcessEnv;
let pg: TestDatabase | null = null;
let ids: string[] = [];

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, cwd: dir });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The membership database, opened in this process only while no CLI runs (the embedded one is single-process). */
async function withDb<T>(work: (db: MembershipDatabase) => Promise<T>): Promise<T> {
  const db = await openMembershipDatabase(pg ? { databaseUrl: pg.url } : { dataDir: path.join(dir, "data", "membership") });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const verify = () => run(["operator", "audit", "verify", "--service", "membership", "--anchors", anchors]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-audit-"));
  anchors = path.join(dir, "anchors");
  env = { ...process.env, ORGBOARD_DATA_DIR: path.join(dir, "data"), ORGBOARD_DEBUG: "" };
  delete env.DATABASE_URL;
  delete env.AUDIT_ANCHOR_DIR;
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) {
    pg = await openTestDatabase();
    env.DATABASE_URL = pg.url;
  }
  ids = await withDb(async (db) => {
    const out: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const { auditId } = await db.transaction((tx) =>
        recordChange(tx, { actor: `board-${i}`, action: "membership.members.manage", entity: "Member", entityId: i, orgPath: "/01/", after: { occupation: `Nghề ${i}` } }),
      );
      out.push(auditId);
    }
    const privateKey = loadOrCreateAnchorKey({ dir: anchors, service: "membership" });
    await writeAnchor(db, { service: "membership", file: anchorPaths(anchors, "membership").file, privateKey });
    return out;
  });
});
afterAll(async () => {
  await pg?.close();
});

/** Tampers, runs verify, restores the table. */
async function tampered(sql: string) {
  await withDb((db) => db.exec(`CREATE TABLE audit_saved AS SELECT * FROM audit_record; ${sql}`));
  try {
    return await verify();
  } finally {
    await withDb((db) => db.exec(`DELETE FROM audit_record; INSERT INTO audit_record SELECT * FROM audit_saved; DROP TABLE audit_saved;`));
  }
}

describe("orgboard operator audit verify", () => {
  it("passes an intact chain against its anchor (exit 0)", async () => {
    const r = await verify();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("5 audit records checked");
    expect(r.stdout).toContain(`anchor: record ${ids[4]}`);
    expect(r.stdout).toContain("(matches)");
    expect(r.stdout).toContain("OK: chain intact");
  });

  it("fails on an edited record, naming it (exit 1)", async () => {
    const r = await tampered(`UPDATE audit_record SET actor = 'someone-else' WHERE id = ${ids[2]}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`SAI / FAILED: edited at record ${ids[2]}`);
  });

  it("fails on a deleted record, naming the one after the gap", async () => {
    const r = await tampered(`DELETE FROM audit_record WHERE id = ${ids[1]}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`missing-before at record ${ids[2]}`);
  });

  it("fails on a deleted tail, which only the anchor shows", async () => {
    const r = await tampered(`DELETE FROM audit_record WHERE id >= ${ids[3]}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`truncated at record ${ids[4]}`);
  });

  it("fails on a forged anchor line; refuses to run without anchors unless told (exit 2)", async () => {
    const file = anchorPaths(anchors, "membership").file;
    const original = readFileSync(file, "utf8");
    const line = JSON.parse(original.trim()) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ ...line, lastId: ids[1] })}\n`);
    try {
      const r = await verify();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("anchor-invalid");
    } finally {
      writeFileSync(file, original);
    }
    const none = await run(["operator", "audit", "verify", "--service", "membership", "--anchors", path.join(dir, "nowhere")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--allow-unanchored");
    const alone = await run(["operator", "audit", "verify", "--service", "membership", "--anchors", path.join(dir, "nowhere"), "--allow-unanchored", "--json"]);
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout)).toMatchObject({ service: "membership", anchor: null, result: { ok: true, records: 5 } });
  });
});
