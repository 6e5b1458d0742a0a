// The system as it runs in production, for the cross-service test and the effects benchmark: apps/identity
// (the realm's client-credentials logins and officials' sign-in through the VNeID simulator), membership and
// inspection, each a real process started from its built dist/main.js with its own database (an embedded
// PGlite in its own DATA_DIR, or, with TEST_DATABASE_URL, its own new database on that PostgreSQL server),
// following each other's event streams. A process can be killed (SIGKILL) and started again on the same data.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { discoverRealm, officialSession, readRealmUsers } from "@orgboard/cli/simulate";
import { createServiceLinks } from "@orgboard/contracts";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const REALM_FILE = path.join(ROOT, "infra/keycloak/orgboard-realm.json");

export type MembershipApi = TRPCClient<MembershipContractRouter>;
export type InspectionApi = TRPCClient<InspectionContractRouter>;
export type AppName = "membership" | "inspection";

export interface System {
  identityUrl: string;
  membershipUrl: string;
  inspectionUrl: string;
  /** A client of membership / inspection signed in as a realm user (through the VNeID simulator). */
  membership(username: string): MembershipApi;
  inspection(username: string): InspectionApi;
  /** The access token source of a realm user. */
  token(username: string): () => Promise<string>;
  /** Starts the app (again) on its data; `followInspection: false` starts membership without INSPECTION_URL. */
  start(app: AppName, opts?: { followInspection?: boolean }): Promise<void>;
  /** kill -9: no shutdown, no flush; the process's last transaction is committed or not at all. */
  kill(app: AppName): Promise<void>;
  /** What the app printed on stderr (for failures). */
  log(app: AppName): string;
  close(): Promise<void>;
}

function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function startSystem(opts: { logLevel?: string; /** PostgreSQL server for the services' databases (default TEST_DATABASE_URL/DATABASE_URL; "" = embedded PGlite) */ databaseServer?: string } = {}): Promise<System> {
  const dir = mkdtempSync(path.join(tmpdir(), "orgboard-effects-"));
  const procs = new Map<string, ChildProcess>();
  const logs = new Map<string, string>();
  const dropDatabases: (() => Promise<void>)[] = [];

  // Each service its own database: a new one on the test server, else an embedded one in its DATA_DIR.
  const server = opts.databaseServer ?? testServerUrl();
  const databaseEnv = async (app: AppName): Promise<NodeJS.ProcessEnv> => {
    if (!server) return { DATABASE_URL: "", DATA_DIR: path.join(dir, app) };
    const name = `${app}_effects_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    dropDatabases.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { DATABASE_URL: url.toString(), DATA_DIR: path.join(dir, app) };
  };

  function spawnApp(name: string, main: string, env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [path.join(ROOT, main)], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    logs.set(name, "");
    child.stderr.on("data", (d: Buffer) => logs.set(name, (logs.get(name)! + d.toString()).slice(-20_000)));
    procs.set(name, child);
    return child;
  }

  const [identityPort, membershipPort, inspectionPort] = [await freePort(), await freePort(), await freePort()];
  const identityUrl = `http://127.0.0.1:${identityPort}`;
  const membershipUrl = `http://127.0.0.1:${membershipPort}`;
  const inspectionUrl = `http://127.0.0.1:${inspectionPort}`;
  const issuer = `${identityUrl}/realms/orgboard`;
  const logLevel = opts.logLevel ?? process.env.LOG_LEVEL ?? "warn";
  const dbEnv = { membership: await databaseEnv("membership"), inspection: await databaseEnv("inspection") };

  // Development mode: the realm file's development client secrets (dev-<client>-secret), as `orgboard start` runs it.
  const identity = spawnApp("identity", "apps/identity/dist/main.js", { NODE_ENV: "development", PORT: String(identityPort), DATA_DIR: path.join(dir, "identity") });
  await waitForUrl(`${issuer}/.well-known/openid-configuration`, { process: identity, timeoutMs: 90_000 });

  const appEnv = (app: AppName, followInspection: boolean): NodeJS.ProcessEnv =>
    app === "membership"
      ? {
          ...dbEnv.membership,
          NODE_ENV: "production",
          PORT: String(membershipPort),
          OIDC_ISSUER: issuer,
          LOG_LEVEL: logLevel,
          ...(followInspection ? { INSPECTION_URL: inspectionUrl, OIDC_CLIENT_SECRET: "dev-membership-secret" } : { INSPECTION_URL: "" }),
        }
      : { ...dbEnv.inspection, NODE_ENV: "production", PORT: String(inspectionPort), OIDC_ISSUER: issuer, LOG_LEVEL: logLevel, MEMBERSHIP_URL: membershipUrl, OIDC_CLIENT_SECRET: "dev-inspection-secret" };

  async function start(app: AppName, o: { followInspection?: boolean } = {}): Promise<void> {
    const env = appEnv(app, o.followInspection ?? true);
    if (!env.INSPECTION_URL) delete env.INSPECTION_URL;
    const child = spawnApp(app, `apps/${app}/dist/main.js`, env);
    await waitForUrl(`${app === "membership" ? membershipUrl : inspectionUrl}/readyz`, { process: child, timeoutMs: 90_000 }).catch((err: unknown) => {
      throw new Error(`${app} did not start: ${(err as Error).message}\n${logs.get(app)}`);
    });
  }

  async function kill(app: string, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const p = procs.get(app);
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once("exit", () => resolve());
      p.kill(signal);
    });
  }

  const endpoints = await discoverRealm(identityUrl);
  const users = new Map(readRealmUsers(REALM_FILE).map((u) => [u.username, u]));
  const sessions = new Map<string, () => Promise<string>>();
  const session = (username: string) => {
    let s = sessions.get(username);
    if (!s) {
      const user = users.get(username);
      if (!user) throw new Error(`no user ${username} in the realm file`);
      s = officialSession(endpoints, user.nationalId);
      sessions.set(username, s);
    }
    return s;
  };

  return {
    identityUrl,
    membershipUrl,
    inspectionUrl,
    membership: (username) => createTRPCClient<MembershipContractRouter>({ links: [createServiceLinks<MembershipContractRouter>({ membership: `${membershipUrl}/trpc` }, session(username), { EventSource })] }),
    inspection: (username) => createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: `${inspectionUrl}/trpc` }, session(username), { EventSource })] }),
    token: session,
    start,
    kill: (app) => kill(app),
    log: (app) => logs.get(app) ?? "",
    async close() {
      for (const name of ["inspection", "membership", "identity"]) await kill(name, "SIGTERM");
      for (const drop of dropDatabases) await drop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
