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
import { discoverRealm, officialSession, readRealmUsers } from "@orgboard/auth/official-session";
import { createServiceLinks, type EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream } from "@orgboard/events";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { EventSource } from "eventsource";
import { createScratchDatabase } from "@orgboard/db/testing";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const REALM_FILE = path.join(ROOT, "infra/keycloak/orgboard-realm.json");

export type MembershipApi = TRPCClient<MembershipContractRouter>;
export type InspectionApi = TRPCClient<InspectionContractRouter>;
export type AppName = "membership" | "inspection";

export interface StartOptions {
  followInspection?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The app is made to kill itself (a test-only variable in `env`): start resolves once it died by SIGKILL. */
  crashes?: boolean;
}

export interface System {
  identityUrl: string;
  membershipUrl: string;
  inspectionUrl: string;
  /** A client of membership / inspection signed in as a realm user (through the VNeID simulator). */
  membership(username: string): MembershipApi;
  inspection(username: string): InspectionApi;
  /** The access token source of a realm user. */
  token(username: string): () => Promise<string>;
  /**
   * Starts the app (again) on its data; `followInspection: false` starts membership without INSPECTION_URL;
   * `env` adds variables. With `crashes`, the app was told (a tests-only variable in `env`) to kill itself at a
   * chosen point, and start resolves once it has died that way.
   */
  start(app: AppName, opts?: StartOptions): Promise<void>;
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
    const { url, drop } = await createScratchDatabase(server, `${app}_effects`);
    dropDatabases.push(drop);
    return { DATABASE_URL: url, DATA_DIR: path.join(dir, app) };
  };

  // Production mode needs the petitioners' sealing key; one per system, kept across restarts.
  const denouncerKeys = `k1:${randomBytes(32).toString("base64")}`;
  function spawnApp(name: string, main: string, env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [path.join(ROOT, main)], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    logs.set(name, "");
    const seen = (d: Buffer) => logs.set(name, (logs.get(name)! + d.toString()).slice(-20_000));
    child.stderr?.on("data", seen);
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
      : { ...dbEnv.inspection, NODE_ENV: "production", PORT: String(inspectionPort), OIDC_ISSUER: issuer, LOG_LEVEL: logLevel, MEMBERSHIP_URL: membershipUrl, OIDC_CLIENT_SECRET: "dev-inspection-secret", INSPECTION_DENOUNCER_KEYS: denouncerKeys };

  async function start(app: AppName, o: StartOptions = {}): Promise<void> {
    const env = { ...appEnv(app, o.followInspection ?? true), ...o.env };
    if (!env.INSPECTION_URL) delete env.INSPECTION_URL;
    const child = spawnApp(app, `apps/${app}/dist/main.js`, env);
    if (o.crashes) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${app} did not crash as told\n${logs.get(app)}`)), 120_000);
        child.once("exit", (_code, signal) => {
          clearTimeout(timer);
          if (signal === "SIGKILL") resolve();
          else reject(new Error(`${app} exited (${signal ?? "no signal"}) instead of killing itself\n${logs.get(app)}`));
        });
      });
      return;
    }
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

// ---- Data both the test and the benchmark start from (created through membership's API, as the central board).

export const CENTRAL = "tw.bantochuc";
/** The commission of Hà Nội (scope /01/). */
export const INSPECTOR = "hn.kiemtra";
export const TREE = { p1: "/01/", g1: "/01/01-G1/", c1: "/01/01-G1/01-C1/", k1: "/01/01-K1/", p2: "/02/", k2: "/02/02-K2/" } as const;
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phong", "Quang", "Sơn", "Tâm", "Thắng", "Vinh"];

/** Hà Nội with a grassroots committee, its cell and a grassroots cell; another province with one cell. */
export async function createTree(sys: System): Promise<void> {
  const orgs = sys.membership(CENTRAL).membership.orgs;
  const org = (parentPath: string, code: string, name: string, kind: "provincial_committee" | "grassroots_committee" | "subordinate_cell" | "grassroots_cell") =>
    orgs.create.mutate({ parentPath, code, name, kind, openedOn: "1990-01-01" });
  await org("/", "01", "Đảng bộ Thành phố Hà Nội", "provincial_committee");
  await org(TREE.p1, "01-G1", "Đảng bộ Phường Ba Đình", "grassroots_committee");
  await org(TREE.g1, "01-C1", "Chi bộ Khu phố 1", "subordinate_cell");
  await org(TREE.p1, "01-K1", "Chi bộ Trường THPT Chu Văn An", "grassroots_cell");
  await org("/", "02", "Đảng bộ Tỉnh Hà Giang", "provincial_committee");
  await org(TREE.p2, "02-K2", "Chi bộ Xã Lũng Cú", "grassroots_cell");
}

/** A new official member of `orgPath`; `n` makes the national ID unique (the caller counts). */
export async function createMember(sys: System, orgPath: string, n: number): Promise<number> {
  const m = await sys.membership(CENTRAL).membership.members.create.mutate({
    orgPath,
    fullName: `Nguyễn Văn ${GIVEN[n % GIVEN.length]}`,
    birthDate: "1980-05-01",
    gender: "male",
    ethnicity: "Kinh",
    nationalId: `001080${String(100_000 + n).padStart(6, "0")}`,
    status: "official",
    admittedOn: "2010-03-01",
    officialOn: "2011-03-01",
  });
  return m.id;
}

/** An expulsion of `memberId` by Hà Nội's provincial committee (effective on its announcement). */
export async function decideExpulsion(sys: System, memberId: number, decisionNumber: string, dates: { decidedOn?: string; announcedOn?: string } = {}): Promise<string> {
  const d = await sys.inspection(INSPECTOR).inspection.discipline.decide.mutate({
    subject: { kind: "member", memberId },
    form: "expulsion",
    decidedBy: { kind: "committee", orgPath: TREE.p1 },
    decisionNumber,
    decidedOn: dates.decidedOn ?? "2026-11-02",
    announcedOn: dates.announcedOn ?? "2026-11-03",
    degree: "very_serious",
    violatedOn: "2025-06-15",
    reason: "Vi phạm nghiêm trọng quy định về những điều đảng viên không được làm",
  });
  return d.id;
}

/**
 * Every event of a service's stream so far, read as the central board until `complete` holds (when given: under
 * load a replay can pause for seconds, and a quiet time alone once cut a read short in CI), then until it has
 * been quiet for `quietMs` (an event applied twice is read too).
 */
export async function readStream(sys: System, app: AppName, quietMs = 1500, complete?: (events: readonly EventEnvelope[]) => boolean): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let last = Date.now();
  const consumer = consumeEventStream({
    url: `${app === "membership" ? sys.membershipUrl : sys.inspectionUrl}/trpc`,
    path: `${app}.events.stream`,
    // Inspection's stream is for the commissions and services only (inspectionStreamReaders): the boards
    // are refused it, so it is read as Hà Nội's commission, whose scope holds the cells used here.
    getToken: sys.token(app === "inspection" ? INSPECTOR : CENTRAL),
    onEvent: (e) => {
      events.push(e);
      last = Date.now();
    },
  });
  const end = Date.now() + 120_000;
  while (complete && !complete(events) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  last = Math.max(last, Date.now());
  while (Date.now() - last < quietMs) await new Promise((r) => setTimeout(r, 100));
  await consumer.stop();
  return events;
}
