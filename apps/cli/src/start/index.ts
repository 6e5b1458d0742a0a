// `orgboard start`: the whole system on one machine with embedded defaults (nothing to install but Node).
// identity (:8190) → membership (:3001) and conference (:3002), each on its own PGlite under .data/<service>/,
// demo data on first start → inspection (:3003, after membership: it reads its subjects there; its demo
// data after membership's) → personnel (:3004, after inspection: it consults both and follows inspection's
// stream; its demo data about membership's people) and restructuring (:3005, after membership: it previews
// plans on membership's tree; no demo data) → realtime (:3010, every stream, client-credentials token) → the built
// dashboard (:5173, vite preview of a copy of dist/ with a generated /config.json). Each a child process
// of its own. The service clients' secrets are generated on the first start (secrets.ts).
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, Option } from "commander";
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from "../errors.js";
import { discoverRealm, officialSession, readRealmUsers, type RealmUser } from "../simulate/login.js";
import { DEFAULT_PORTS, PARTS, portEnv, startConfig, StartConfigError, type Part, type StartConfig } from "./config.js";
import { scheduleDemoConference, seedInspectionIfEmpty, seedMembershipIfEmpty, seedPersonnelIfEmpty } from "./demo.js";
import { repoPath } from "./paths.js";
import { takenPorts } from "./ports.js";
import { launcherSecrets, type LauncherSecrets } from "./secrets.js";
import { Supervisor } from "./supervisor.js";

const entry = (app: string) => repoPath("apps", app, "dist", "main.js");

/** What must be built before anything starts; membership is optional until its server lands. */
function checkBuilt(): { missing: string[]; membership: boolean } {
  const missing: string[] = [];
  for (const app of ["identity", "conference", "inspection", "personnel", "restructuring", "realtime"]) {
    if (!existsSync(entry(app))) missing.push(`apps/${app}/dist/main.js (pnpm --filter @orgboard/${app} build)`);
  }
  if (!existsSync(repoPath("apps/dashboard/dist/index.html"))) missing.push("apps/dashboard/dist (pnpm --filter @orgboard/dashboard build)");
  if (!existsSync(repoPath("apps/dashboard/node_modules/vite/bin/vite.js"))) missing.push("apps/dashboard/node_modules/vite (pnpm install)");
  return { missing, membership: existsSync(entry("membership")) };
}

function dashboardOrigins(c: StartConfig): string {
  const origin = c.urls.dashboard;
  const alt = origin.includes("//127.0.0.1:") ? origin.replace("//127.0.0.1:", "//localhost:") : origin.includes("//localhost:") ? origin.replace("//localhost:", "//127.0.0.1:") : null;
  return [origin, ...(alt ? [alt] : [])].join(",");
}

/** The served copy of the dashboard with its runtime configuration (dist/ itself stays untouched). */
function prepareDashboard(c: StartConfig): string {
  const site = join(c.dataDir, "dashboard", "site");
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(repoPath("apps/dashboard/dist"), site, { recursive: true });
  const config = {
    identity: { url: c.urls.identity, realm: "orgboard", clientId: "dashboard" },
    // Without a membership server its URL is still given (nothing answers), so its panels show "unavailable".
    services: { membership: c.urls.membership, conference: c.urls.conference, inspection: c.urls.inspection, personnel: c.urls.personnel, restructuring: c.urls.restructuring },
    realtimeUrl: c.urls.realtime,
    defaultLanguage: "vi",
  };
  writeFileSync(join(site, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
  return site;
}

const ROLE_LABELS: Record<string, string> = {
  central_board: "Ban Tổ chức Trung ương (central board)",
  provincial_board: "Ban Tổ chức tỉnh/thành (provincial board)",
  inspection_committee: "Ủy ban Kiểm tra (inspection)",
  personnel_officer: "cán bộ nhân sự (personnel)",
  conference_operator: "vận hành hội nghị (conference operator)",
  site_operator: "vận hành điểm cầu (site operator)",
  viewer: "xem (viewer)",
};

function banner(c: StartConfig, users: RealmUser[], membership: boolean): string {
  // Restructuring plans are the central board's (docs/restructuring.md): its demo login, when the realm has one.
  const central = users.find((u) => u.roles.includes("central_board"));
  const line = "─".repeat(78);
  const rows = [
    ["Dashboard", c.urls.dashboard],
    ["Identity (realm)", `${c.issuer}   VNeID simulator: ${c.urls.identity}/vneid`],
    ["Membership", membership ? `${c.urls.membership}/trpc` : "not built (apps/membership/dist/main.js missing): its panels show unavailable"],
    ["Conference", `${c.urls.conference}/trpc`],
    ["Inspection", `${c.urls.inspection}/trpc`],
    ["Personnel", `${c.urls.personnel}/trpc`],
    ["Restructuring", `${c.urls.restructuring}/trpc`],
    ["Realtime", `${c.urls.realtime} (socket.io)`],
    ["Data", `${c.dataDir}/<service>/ (delete it to start over)`],
  ];
  const w = Math.max(...users.map((u) => u.username.length));
  return [
    line,
    " orgboard is running",
    line,
    ...rows.map(([k, v]) => ` ${k!.padEnd(17)} ${v}`),
    line,
    ` Demo logins: open the dashboard, choose "VNeID", enter the national ID (or pick the citizen):`,
    ...users.map((u) => `   ${u.username.padEnd(w)}  ${u.nationalId}  ${u.name} — ${u.roles.map((r) => ROLE_LABELS[r] ?? r).join(", ")}, scope ${u.orgPaths.join(" ")}`),
    line,
    " Live conference:  pnpm orgboard simulate conference --sites 67 --speed 10x",
    " Inspection report: pnpm orgboard login, then pnpm orgboard report inspection --org /01/ --year 2025",
    ...(central ? [` Restructuring (2025 plan, preview): log in as ${central.username} (${central.nationalId}, central board)`] : []),
    " Stop: Ctrl-C",
    line,
  ].join("\n");
}

export interface StartOptions {
  demo: boolean;
  /** --units: the demo data's administrative units (else ORGBOARD_DEMO_UNITS, else 2025). */
  units?: "2024" | "2025";
}

export async function start(options: StartOptions): Promise<number> {
  let config: StartConfig;
  let secrets: LauncherSecrets;
  try {
    // --no-demo wins; otherwise ORGBOARD_DEMO decides.
    config = startConfig(process.env, { ...(options.demo ? {} : { demo: false }), ...(options.units ? { units: options.units } : {}) });
    secrets = launcherSecrets(config.dataDir);
  } catch (e) {
    if (e instanceof StartConfigError) {
      process.stderr.write(`orgboard start: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  const built = checkBuilt();
  if (built.missing.length) {
    process.stderr.write(`orgboard start: not built yet:\n${built.missing.map((m) => `  ${m}`).join("\n")}\nRun \`pnpm build\` (or \`npm start\`, which builds first).\n`);
    return EXIT_FAILURE;
  }
  const taken = await takenPorts(config.ports, config.host);
  if (taken.length) {
    process.stderr.write(`orgboard start: ${taken.join("\n  ")}\n`);
    return EXIT_FAILURE;
  }
  const users = readRealmUsers(repoPath("infra/keycloak/orgboard-realm.json"));

  const sup = new Supervisor([...PARTS, "orgboard"]);
  const say = (line: string) => sup.log("orgboard", line);
  let failure = null as string | null; // set from callbacks
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const shutdown = async (why: string | null) => {
    if (why && !failure) failure = why;
    if (sup.isStopping) return sup.stopAll(); // second time: kill
    say(failure ? `✖ ${failure}; stopping everything` : "stopping…");
    await sup.stopAll();
    resolveDone();
  };
  sup.onUnexpectedExit = (name, code, signal) => void shutdown(`${name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); its last lines are above`);
  const onSignal = () => void shutdown(null);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", () => sup.killAllNow());

  // Embedded defaults only: a DATABASE_URL in the environment would make every service share one database.
  const base: Record<string, string> = { HOST: config.host, OIDC_ISSUER: config.issuer, CORS_ORIGINS: dashboardOrigins(config), DATABASE_URL: "", NODE_ENV: process.env.NODE_ENV ?? "production" };
  if (process.env.DATABASE_URL) say("DATABASE_URL is ignored by orgboard start: every service uses its embedded database under .data/");
  const startApp = (part: Exclude<Part, "dashboard">, env: Record<string, string>) =>
    sup.start({ name: part, args: [entry(part)], cwd: repoPath("apps", part), env });

  try {
    say(`starting on ${config.host} (ports: ${PARTS.map((p) => `${p} ${config.ports[p]}`).join(", ")}; override with ${portEnv("identity")} …)`);
    mkdirSync(config.dataDir, { recursive: true });

    // Its keys and sessions are kept under .data/identity/, so a restart signs no official out.
    // Development mode (the demo officials; the clients nobody here logs in with keep the realm file's
    // development secrets); the clients the services log in with get the launcher's generated secrets,
    // given to both sides (secrets.ts).
    startApp("identity", {
      NODE_ENV: "development",
      HOST: config.host,
      PORT: String(config.ports.identity),
      PUBLIC_URL: config.urls.identity,
      IDENTITY_DASHBOARD_URL: config.urls.dashboard,
      IDENTITY_REALTIME_CLIENT_SECRET: secrets.clients.realtime,
      IDENTITY_INSPECTION_CLIENT_SECRET: secrets.clients.inspection,
      IDENTITY_MEMBERSHIP_CLIENT_SECRET: secrets.clients.membership,
      IDENTITY_PERSONNEL_CLIENT_SECRET: secrets.clients.personnel,
      IDENTITY_RESTRUCTURING_CLIENT_SECRET: secrets.clients.restructuring,
      DATA_DIR: join(config.dataDir, "identity"),
    });
    await sup.waitReady("identity", `${config.issuer}/.well-known/openid-configuration`);

    const membershipDir = join(config.dataDir, "membership");
    const membershipUp = (async () => {
      if (!built.membership) {
        say("membership is not built (apps/membership/dist/main.js missing): starting without it");
        return;
      }
      if (config.demo) await seedMembershipIfEmpty(membershipDir, (l) => sup.log("membership", l), config.demoUnits);
      if (sup.isStopping) return;
      // It consumes inspection's event stream (decisions taking effect) with its own client credentials;
      // inspection starts after it, so the consumer waits for it at first.
      startApp("membership", {
        ...base,
        PORT: String(config.ports.membership),
        DATA_DIR: membershipDir,
        OIDC_CLIENT_ID: "membership",
        OIDC_CLIENT_SECRET: secrets.clients.membership,
        INSPECTION_URL: config.urls.inspection,
      });
      await sup.waitReady("membership", `${config.urls.membership}/readyz`, 180_000);
    })();
    // Inspection reads its subjects (members, organizations) from membership: it starts once membership is ready.
    const inspectionDir = join(config.dataDir, "inspection");
    const inspectionUp = (async () => {
      await membershipUp;
      if (sup.isStopping) return;
      // Inspection's and personnel's demo data are about the 2025 units' organizations: not on the 2024 ones.
      if (config.demo && config.demoUnits === "2025") await seedInspectionIfEmpty(inspectionDir, (l) => sup.log("inspection", l));
      if (sup.isStopping) return;
      startApp("inspection", {
        ...base,
        PORT: String(config.ports.inspection),
        DATA_DIR: inspectionDir,
        MEMBERSHIP_URL: config.urls.membership,
        OIDC_CLIENT_ID: "inspection",
        OIDC_CLIENT_SECRET: secrets.clients.inspection,
        INSPECTION_DENOUNCER_KEYS: secrets.denouncerKeys,
      });
      await sup.waitReady("inspection", `${config.urls.inspection}/readyz`, 180_000);
    })();
    // Personnel consults membership and inspection and follows inspection's stream: it starts after both.
    const personnelDir = join(config.dataDir, "personnel");
    const personnelUp = (async () => {
      await inspectionUp;
      if (sup.isStopping) return;
      if (config.demo && config.demoUnits === "2025") await seedPersonnelIfEmpty(personnelDir, (l) => sup.log("personnel", l));
      if (sup.isStopping) return;
      startApp("personnel", {
        ...base,
        PORT: String(config.ports.personnel),
        DATA_DIR: personnelDir,
        MEMBERSHIP_URL: config.urls.membership,
        INSPECTION_URL: config.urls.inspection,
        OIDC_CLIENT_ID: "personnel",
        OIDC_CLIENT_SECRET: secrets.clients.personnel,
      });
      await sup.waitReady("personnel", `${config.urls.personnel}/readyz`, 180_000);
    })();
    // Restructuring previews plans on membership's organization tree (read with its own client
    // credentials): it starts once membership is ready. No demo data: the official 2025 plan is built in.
    const restructuringUp = (async () => {
      await membershipUp;
      if (sup.isStopping) return;
      startApp("restructuring", {
        ...base,
        PORT: String(config.ports.restructuring),
        DATA_DIR: join(config.dataDir, "restructuring"),
        MEMBERSHIP_URL: config.urls.membership,
        // The saga's other steps (called only when a run reaches them, so none has to be up yet): the services'
        // rekeys, then officials' unit attributes at the built-in identity provider (its endpoint under the issuer).
        INSPECTION_URL: config.urls.inspection,
        PERSONNEL_URL: config.urls.personnel,
        CONFERENCE_URL: config.urls.conference,
        IDENTITY_UNIT_MOVES: "builtin",
        OIDC_CLIENT_ID: "restructuring",
        OIDC_CLIENT_SECRET: secrets.clients.restructuring,
      });
      await sup.waitReady("restructuring", `${config.urls.restructuring}/readyz`, 180_000);
    })();
    const conferenceUp = (async () => {
      startApp("conference", { ...base, PORT: String(config.ports.conference), DATA_DIR: join(config.dataDir, "conference") });
      await sup.waitReady("conference", `${config.urls.conference}/readyz`);
      if (config.demo) {
        const organizer = users.find((u) => u.roles.includes("conference_operator"));
        if (organizer) await scheduleDemoConference(config.urls.conference, officialSession(await discoverRealm(config.urls.identity), organizer.nationalId), (l) => sup.log("conference", l));
      }
    })();
    await Promise.all([membershipUp, conferenceUp, inspectionUp, personnelUp, restructuringUp]);

    const streams = [...(built.membership ? [`membership=${config.urls.membership}`] : []), `conference=${config.urls.conference}`, `inspection=${config.urls.inspection}`, `personnel=${config.urls.personnel}`, `restructuring=${config.urls.restructuring}`];
    startApp("realtime", {
      ...base,
      PORT: String(config.ports.realtime),
      REALTIME_SERVICES: streams.join(","),
      OIDC_CLIENT_SECRET: secrets.clients.realtime,
      DATA_DIR: join(config.dataDir, "realtime"),
    });
    await sup.waitReady("realtime", `${config.urls.realtime}/readyz`);

    const site = prepareDashboard(config);
    sup.start({
      name: "dashboard",
      args: [repoPath("apps/dashboard/node_modules/vite/bin/vite.js"), "preview", "--outDir", site, "--host", config.host, "--port", String(config.ports.dashboard), "--strictPort"],
      cwd: repoPath("apps/dashboard"),
      env: {},
    });
    await sup.waitReady("dashboard", `${config.urls.dashboard}/config.json`);
    process.stdout.write(`\n${banner(config, users, built.membership)}\n\n`);
  } catch (e) {
    if (!sup.isStopping) await shutdown(`start-up failed: ${(e as Error).message}`);
  }

  await done;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (failure) {
    process.stderr.write(`orgboard start: ${failure}\n`);
    return EXIT_FAILURE;
  }
  say("stopped");
  return EXIT_OK;
}

export function registerStartCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command("start")
    .description("start the whole system on this machine: identity, membership, conference, inspection, personnel, restructuring, realtime and the dashboard (embedded databases, demo data)")
    .option("--no-demo", "do not load demo data into empty databases")
    .addOption(
      new Option("--units <edition>", "dữ liệu mẫu trên đơn vị hành chính 2025 (mặc định) hoặc 2024 (63 tỉnh, có cấp huyện, để chạy lại sắp xếp 2025; không có dữ liệu mẫu kiểm tra, cán bộ) / demo data on the 2025 units (default) or the 2024 ones (to replay the 2025 restructuring; no inspection or personnel demo data then)").choices(["2024", "2025"]),
    )
    .addHelpText(
      "after",
      `\nPorts (env): ${PARTS.map((p) => `${portEnv(p)} (${p}, default ${DEFAULT_PORTS[p]})`).join(", ")}.\nORGBOARD_HOST (default 127.0.0.1), ORGBOARD_DATA_DIR (default .data/ at the repository root),\nORGBOARD_LOG_REQUESTS=1 (also show successful requests), ORGBOARD_DEMO=0 (same as --no-demo), ORGBOARD_DEMO_UNITS=2024 (same as --units 2024).\nSecrets (generated on the first start, kept in <data>/launcher/secrets.json): ORGBOARD_REALTIME_CLIENT_SECRET,\nORGBOARD_INSPECTION_CLIENT_SECRET, ORGBOARD_MEMBERSHIP_CLIENT_SECRET, ORGBOARD_PERSONNEL_CLIENT_SECRET,\nORGBOARD_RESTRUCTURING_CLIENT_SECRET, ORGBOARD_INSPECTION_DENOUNCER_KEYS replace them.`,
    )
    .action(async (opts: { demo: boolean; units?: "2024" | "2025" }) => setExit(await start({ demo: opts.demo, ...(opts.units ? { units: opts.units } : {}) })));
}

