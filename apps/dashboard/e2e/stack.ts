// Starts what the browser tests need on free ports: the built-in identity provider (or a real Keycloak
// given by KEYCLOAK_URL), the services (membership, conference, inspection, personnel, restructuring) and the realtime gateway that are built, and the built dashboard
// through `vite preview` with a generated /config.json. A part that is not built or does not start is
// left out, and the tests that need it fail, naming it and why (see `requires` in fixtures.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freePort, waitForUrl } from "@orgboard/testkit";
import { EXTRA_OFFICIALS, provisionInKeycloak, realmUser } from "./extra-officials.js";

export const DASHBOARD_DIR = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const ROOT = resolve(DASHBOARD_DIR, "../..");
export const LOG_DIR = join(DASHBOARD_DIR, "test-results", "e2e-logs");

export interface Stack {
  dashboardUrl: string;
  identityUrl: string;
  /** The OIDC provider is a real Keycloak (KEYCLOAK_URL), not apps/identity. */
  keycloak: boolean;
  services: Record<string, string>;
  realtimeUrl: string | null;
  /** Restructuring's own membership (seeded with Hà Giang, Tuyên Quang and Lai Châu), or null when it did not start. */
  restructuringMembershipUrl: string | null;
  /** Why a part is missing, by part name (named in the failure of each test that needs it). */
  missing: Record<string, string>;
}

function waitFor(url: string, proc: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  return waitForUrl(url, { process: proc, name, timeoutMs, intervalMs: 250, hint: `; see ${LOG_DIR}/${name}.log` });
}

export class Processes {
  private readonly procs: { name: string; proc: ChildProcess }[] = [];
  /** Removes the temporary data directories once everything has stopped. */
  cleanup: () => void = () => undefined;

  start(name: string, cwd: string, args: string[], env: Record<string, string>): ChildProcess {
    mkdirSync(LOG_DIR, { recursive: true });
    const log = openSync(join(LOG_DIR, `${name}.log`), "w");
    // Like `orgboard start`: the launcher's own ORGBOARD_* settings are not the apps' (identity refuses its old ones).
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ORGBOARD_")));
    const proc = spawn(process.execPath, args, { cwd, env: { ...inherited, ...env }, stdio: ["ignore", log, log] });
    this.procs.push({ name, proc });
    return proc;
  }

  private readonly stops: (() => Promise<void>)[] = [];
  /** Runs `stop` after the processes have stopped (fixtures put into an external provider). */
  onStop(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.procs.reverse().map(
        ({ proc }) =>
          new Promise<void>((res) => {
            if (proc.exitCode !== null) return res();
            proc.once("exit", () => res());
            proc.kill("SIGTERM");
            setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
          }),
      ),
    );
    for (const stop of this.stops.splice(0)) await stop().catch((e: unknown) => console.error(`e2e: teardown: ${(e as Error).message}`));
    this.cleanup();
  }
}

/** A built service's entry point, or null with the reason. */
function entry(app: string): string | null {
  const main = join(ROOT, "apps", app, "dist", "main.js");
  return existsSync(main) ? main : null;
}

export async function startStack(procs: Processes): Promise<Stack> {
  const missing: Record<string, string> = {};
  const dataDir = mkdtempSync(join(tmpdir(), "orgboard-e2e-"));
  const keycloakUrl = process.env.KEYCLOAK_URL;
  // Keycloak's realm allows the dashboard on :4173 (vite preview's default); the built-in provider
  // takes any origin we register, so a free port is used there.
  const dashboardPort = keycloakUrl ? 4173 : await freePort();
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;

  // The `realtime` client's secret, the same on both sides (the realm's development one by default).
  const realtimeSecret = process.env.ORGBOARD_REALTIME_CLIENT_SECRET ?? "dev-realtime-secret";
  // The `inspection` client's (it reads subjects from membership with client credentials).
  const inspectionSecret = process.env.ORGBOARD_INSPECTION_CLIENT_SECRET ?? "dev-inspection-secret";
  // The `personnel` client's (it follows inspection's stream and consults membership and inspection).
  const personnelSecret = process.env.ORGBOARD_PERSONNEL_CLIENT_SECRET ?? "dev-personnel-secret";
  // Identity: always start apps/identity when built — with Keycloak it is still the VNeID simulator.
  let identityUrl = keycloakUrl ?? "";
  const identityMain = entry("identity");
  if (identityMain) {
    // With Keycloak, the simulator must be where the realm was imported to find it (IDENTITY_VNEID_URL,
    // default http://127.0.0.1:8190/vneid, see infra/keycloak/run-keycloak.sh).
    const port = keycloakUrl ? Number(new URL(process.env.IDENTITY_VNEID_URL ?? "http://127.0.0.1:8190/vneid").port) : await freePort();
    // The shipped realm plus the officials only these tests use (extra-officials.ts says why they are apart).
    const realmFile = join(dataDir, "realm.json");
    const realm = JSON.parse(readFileSync(join(ROOT, "infra/keycloak/orgboard-realm.json"), "utf8")) as { users: unknown[] };
    realm.users.push(...EXTRA_OFFICIALS.map(realmUser));
    writeFileSync(realmFile, JSON.stringify(realm));
    const p = procs.start("identity", join(ROOT, "apps", "identity"), [identityMain], {
      PORT: String(port),
      IDENTITY_REALM_FILE: realmFile,
      // The realm's development client secrets (docs/configuration.md).
      NODE_ENV: "development",
      // The realm file's dashboard client takes its redirect URI and web origin (CORS for the token
      // call) from IDENTITY_DASHBOARD_URL.
      IDENTITY_DASHBOARD_URL: dashboardUrl,
      IDENTITY_REALTIME_CLIENT_SECRET: realtimeSecret,
      IDENTITY_INSPECTION_CLIENT_SECRET: inspectionSecret,
      IDENTITY_PERSONNEL_CLIENT_SECRET: personnelSecret,
      ...(keycloakUrl ? { IDENTITY_KEYCLOAK_URL: keycloakUrl } : {}),
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/realms/orgboard/.well-known/openid-configuration`, p, "identity");
    if (!keycloakUrl) identityUrl = base;
  } else if (!keycloakUrl) {
    missing.identity = "apps/identity is not built (pnpm --filter @orgboard/identity build)";
  }
  const issuer = `${identityUrl}/realms/orgboard`;
  if (keycloakUrl) {
    const remove = await provisionInKeycloak(keycloakUrl);
    procs.onStop(remove);
  }

  const services: Record<string, string> = {};
  let restructuringMembershipUrl: string | null = null;
  for (const [app, extra] of [
    ["membership", { DATA_DIR: join(dataDir, "membership") }],
    ["conference", { DATA_DIR: join(dataDir, "conference"), CONFERENCE_SWEEP_INTERVAL_MS: "250" }],
  ] as const) {
    const main = entry(app);
    if (!main || !identityUrl) {
      missing[app] = main ? "no identity provider" : `apps/${app} is not built or has no dist/main.js yet`;
      continue;
    }
    const port = await freePort();
    const p = procs.start(app, join(ROOT, "apps", app), [main], {
      PORT: String(port),
      HOST: "127.0.0.1",
      OIDC_ISSUER: issuer,
      CORS_ORIGINS: dashboardUrl,
      ...extra,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/readyz`, p, app, 90_000);
      services[app] = base;
    } catch (e) {
      missing[app] = (e as Error).message;
    }
  }

  // Inspection reads the subjects of its cases from membership, so it starts after it.
  const inspectionMain = entry("inspection");
  if (!inspectionMain || !identityUrl || !services.membership) {
    missing.inspection = !inspectionMain ? "apps/inspection is not built or has no dist/main.js yet" : !identityUrl ? "no identity provider" : "membership did not start";
  } else {
    const port = await freePort();
    const p = procs.start("inspection", join(ROOT, "apps", "inspection"), [inspectionMain], {
      PORT: String(port),
      HOST: "127.0.0.1",
      OIDC_ISSUER: issuer,
      CORS_ORIGINS: dashboardUrl,
      DATA_DIR: join(dataDir, "inspection"),
      MEMBERSHIP_URL: services.membership,
      OIDC_CLIENT_SECRET: inspectionSecret,
      // A throwaway key for the denouncers' identities of this run (kid:base64 of 32 bytes).
      INSPECTION_DENOUNCER_KEYS: `e2e:${Buffer.alloc(32, 7).toString("base64")}`,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/readyz`, p, "inspection", 90_000);
      services.inspection = base;
    } catch (e) {
      missing.inspection = (e as Error).message;
    }
  }

  // Personnel consults membership and inspection and follows inspection's stream: it starts after both.
  const personnelMain = entry("personnel");
  if (!personnelMain || !identityUrl || !services.membership || !services.inspection) {
    missing.personnel = !personnelMain ? "apps/personnel is not built or has no dist/main.js yet" : !identityUrl ? "no identity provider" : "membership or inspection did not start";
  } else {
    const port = await freePort();
    const p = procs.start("personnel", join(ROOT, "apps", "personnel"), [personnelMain], {
      PORT: String(port),
      HOST: "127.0.0.1",
      OIDC_ISSUER: issuer,
      CORS_ORIGINS: dashboardUrl,
      DATA_DIR: join(dataDir, "personnel"),
      MEMBERSHIP_URL: services.membership,
      INSPECTION_URL: services.inspection,
      OIDC_CLIENT_SECRET: personnelSecret,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/readyz`, p, "personnel", 90_000);
      services.personnel = base;
    } catch (e) {
      missing.personnel = (e as Error).message;
    }
  }

  // Restructuring (issue #14's progress screen) runs on its own membership, seeded before it starts with the
  // real 2024 units of Hà Giang (02), Tuyên Quang (08) and Lai Châu (12) as apps/restructuring's tests seed them
  // (@orgboard/restructuring/testing): the run moves that membership's tree, not the one the other specs read.
  // Two new provinces, so that two specs each run their own (restructuring.spec.ts 08, restructuring-failure 12).
  const restructuringMain = entry("restructuring");
  if (!restructuringMain || !entry("membership") || !identityUrl) {
    missing.restructuring = !restructuringMain ? "apps/restructuring is not built or has no dist/main.js yet" : !identityUrl ? "no identity provider" : "apps/membership is not built";
  } else {
    try {
      const mdir = join(dataDir, "membership-restructuring");
      await seedRestructuringMembership(mdir);
      const mport = await freePort();
      const mp = procs.start("membership-restructuring", join(ROOT, "apps", "membership"), [entry("membership")!], { PORT: String(mport), HOST: "127.0.0.1", OIDC_ISSUER: issuer, DATA_DIR: mdir, AUDIT_ANCHOR_DIR: join(dataDir, "audit-anchors-restructuring") });
      await waitFor(`http://127.0.0.1:${mport}/readyz`, mp, "membership-restructuring", 90_000);
      restructuringMembershipUrl = `http://127.0.0.1:${mport}`;
      const port = await freePort();
      const p = procs.start("restructuring", join(ROOT, "apps", "restructuring"), [restructuringMain], {
        PORT: String(port),
        HOST: "127.0.0.1",
        OIDC_ISSUER: issuer,
        CORS_ORIGINS: dashboardUrl,
        DATA_DIR: join(dataDir, "restructuring"),
        MEMBERSHIP_URL: restructuringMembershipUrl,
        OIDC_CLIENT_SECRET: process.env.ORGBOARD_RESTRUCTURING_CLIENT_SECRET ?? "dev-restructuring-secret",
      });
      await waitFor(`http://127.0.0.1:${port}/readyz`, p, "restructuring", 90_000);
      services.restructuring = `http://127.0.0.1:${port}`;
    } catch (e) {
      missing.restructuring = (e as Error).message;
    }
  }

  let realtimeUrl: string | null = null;
  const realtimeMain = entry("realtime");
  if (realtimeMain && identityUrl) {
    const port = await freePort();
    const p = procs.start("realtime", join(ROOT, "apps", "realtime"), [realtimeMain], {
      PORT: String(port),
      HOST: "127.0.0.1",
      OIDC_ISSUER: issuer,
      CORS_ORIGINS: dashboardUrl,
      REALTIME_SERVICES: Object.entries(services).map(([k, v]) => `${k}=${v}`).join(","),
      // The realm's dev secret of the `realtime` client (client credentials for the service streams).
      OIDC_CLIENT_SECRET: realtimeSecret,
      DATA_DIR: join(dataDir, "realtime"),
    });
    try {
      await waitFor(`http://127.0.0.1:${port}/healthz`, p, "realtime");
      realtimeUrl = `http://127.0.0.1:${port}`;
    } catch (e) {
      missing.realtime = (e as Error).message;
    }
  } else {
    missing.realtime = "apps/realtime is not built or has no dist/main.js yet";
  }

  // The conference simulator is driven by the CLI (`orgboard simulate conference`).
  if (!existsSync(join(ROOT, "apps", "cli", "dist", "main.js"))) missing.simulator = "apps/cli (orgboard simulate conference) is not built yet";

  // The built dashboard, copied so that its config.json can be written without touching dist/.
  const dist = join(DASHBOARD_DIR, "dist");
  if (!existsSync(join(dist, "index.html"))) throw new Error("the dashboard is not built: pnpm --filter @orgboard/dashboard build");
  const site = join(dataDir, "dashboard");
  cpSync(dist, site, { recursive: true });
  const config = {
    identity: { url: identityUrl || "http://127.0.0.1:9", realm: "orgboard", clientId: "dashboard" },
    // Services that are not running still get a URL (a closed port), so their panels show "unavailable".
    services: {
      membership: services.membership ?? "http://127.0.0.1:9",
      conference: services.conference ?? "http://127.0.0.1:9",
      // Optional in the configuration: left out when it did not start, so its panel says "unavailable".
      ...(services.inspection ? { inspection: services.inspection } : {}),
      ...(services.personnel ? { personnel: services.personnel } : {}),
      ...(services.restructuring ? { restructuring: services.restructuring } : {}),
    },
    realtimeUrl: realtimeUrl ?? "http://127.0.0.1:9",
    defaultLanguage: "vi",
  };
  writeFileSync(join(site, "config.json"), JSON.stringify(config, null, 2));
  const vite = join(DASHBOARD_DIR, "node_modules", "vite", "bin", "vite.js");
  const preview = procs.start("dashboard", DASHBOARD_DIR, [vite, "preview", "--outDir", site, "--host", "127.0.0.1", "--port", String(dashboardPort), "--strictPort"], {});
  await waitFor(`${dashboardUrl}/config.json`, preview, "dashboard");
  procs.cleanup = () => rmSync(dataDir, { recursive: true, force: true });

  return { dashboardUrl, identityUrl, keycloak: Boolean(keycloakUrl), services, realtimeUrl, restructuringMembershipUrl, missing };
}

/** Membership's embedded database in `dir`, migrated and seeded with Hà Giang's, Tuyên Quang's and Lai Châu's 2024 units (the built packages). */
async function seedRestructuringMembership(dir: string): Promise<void> {
  const membership = (await import(pathToFileURL(join(ROOT, "apps/membership/dist/index.js")).href)) as {
    openMembershipDatabase(o: { dataDir: string; migrate: boolean }): Promise<{ query(text: string, params?: readonly unknown[]): Promise<unknown>; close(): Promise<void> }>;
  };
  const testing = (await import(pathToFileURL(join(ROOT, "apps/restructuring/dist/testing.js")).href)) as {
    seedMembership(db: { query(text: string, params?: readonly unknown[]): Promise<unknown> }, provinces: readonly string[]): Promise<{ members: number }>;
  };
  const db = await membership.openMembershipDatabase({ dataDir: dir, migrate: true });
  try {
    await testing.seedMembership(db, ["02", "08", "12"]);
  } finally {
    await db.close();
  }
}
