import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@orgboard/testkit";
import pg from "pg";

/**
 * A PostgreSQL for the multi-instance tests: TEST_DATABASE_URL / DATABASE_URL when set (CI's
 * integration run), else a throwaway cluster started from the Debian binaries in a temp directory.
 * Each test gets its own schema (search_path in the URL), so runs never see each other's tables.
 */
export interface TestPostgres {
  /** A URL whose search_path is a fresh schema. */
  url: string;
  schema: string;
  close(): Promise<void>;
}

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export function postgresAvailable(): { ok: true } | { ok: false; why: string } {
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) return { ok: true };
  if (existsSync(join(BIN, "initdb")) && existsSync(join(BIN, "pg_ctl"))) return { ok: true };
  return { ok: false, why: `no TEST_DATABASE_URL/DATABASE_URL and no PostgreSQL binaries in ${BIN}` };
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

async function createSchema(baseUrl: string): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `rt_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    url: withSearchPath(baseUrl, schema),
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) {
    const s = await createSchema(given);
    return { url: s.url, schema: s.schema, close: s.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), "realtime-pg-"));
  const data = join(dir, "data");
  const port = await freePort();
  // initdb refuses to run as root; run the server as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ["-u", "postgres", "--", join(BIN, cmd), ...args] : args;
    const r = spawnSync(asRoot ? "runuser" : join(BIN, cmd), full, { encoding: "utf8" });
    if (r.error) throw new Error(`${cmd} could not run (${asRoot ? "runuser, in /usr/sbin" : join(BIN, cmd)}): ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"]);
  const base = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const s = await createSchema(base);
  return {
    url: s.url,
    schema: s.schema,
    close: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return Promise.resolve();
    },
  };
}

/** pg.Pool for a test URL. */
export function testPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}

