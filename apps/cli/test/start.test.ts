// `orgboard start`: configuration and log formatting, then the real thing — every built app as a child
// process on free ports with a temporary data directory — started, checked, stopped by SIGTERM, started
// again on the same data (no second seed), and brought down when one child dies.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@orgboard/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PORTS, startConfig, StartConfigError } from "../src/start/config.js";
import { portFree, takenPorts } from "../src/start/ports.js";
import { refuseRenamedVariables } from "../src/simulate/index.js";
import { childEnv, formatLogLine } from "../src/start/supervisor.js";
import { LAUNCHER_CLIENTS, launcherSecrets, secretsFile } from "../src/start/secrets.js";
import { discoverRealm, officialSession } from "../src/simulate/login.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
const membershipBuilt = existsSync(path.join(ROOT, "apps/membership/dist/main.js"));

describe("start configuration", () => {
  it("has the embedded defaults", () => {
    const c = startConfig({});
    expect(c.ports).toEqual({ identity: 8190, membership: 3001, conference: 3002, inspection: 3003, personnel: 3004, restructuring: 3005, realtime: 3010, dashboard: 5173 });
    expect(c.issuer).toBe("http://127.0.0.1:8190/realms/orgboard");
    expect(c.dataDir).toBe(path.join(ROOT, ".data"));
    expect(c.demo).toBe(true);
  });

  it("takes ports, host and data directory from the environment", () => {
    const c = startConfig({ ORGBOARD_CONFERENCE_PORT: "4002", ORGBOARD_HOST: "0.0.0.0", ORGBOARD_DATA_DIR: "/tmp/x", ORGBOARD_DEMO: "0" });
    expect(c.ports.conference).toBe(4002);
    expect(c.host).toBe("0.0.0.0");
    // a bind-all host is not a URL browsers can use
    expect(c.urls.conference).toBe("http://127.0.0.1:4002");
    expect(c.dataDir).toBe("/tmp/x");
    expect(c.demo).toBe(false);
  });

  it("puts the demo data on the 2025 units unless ORGBOARD_DEMO_UNITS or --units says 2024; names the variable of a bad value", () => {
    expect(startConfig({}).demoUnits).toBe("2025");
    expect(startConfig({ ORGBOARD_DEMO_UNITS: "2024" }).demoUnits).toBe("2024");
    expect(startConfig({ ORGBOARD_DEMO_UNITS: "2025" }, { units: "2024" }).demoUnits).toBe("2024");
    expect(() => startConfig({ ORGBOARD_DEMO_UNITS: "2023" })).toThrow(/ORGBOARD_DEMO_UNITS: phải là 2024 hoặc 2025 \/ must be 2024 or 2025, got "2023"/);
  });

  it("names the variable of a bad or clashing port", () => {
    expect(() => startConfig({ ORGBOARD_REALTIME_PORT: "70000" })).toThrow(/ORGBOARD_REALTIME_PORT: phải là số cổng \(1-65535\) \/ must be a port number/);
    expect(() => startConfig({ ORGBOARD_DASHBOARD_PORT: "abc" })).toThrow(StartConfigError);
    expect(() => startConfig({ ORGBOARD_MEMBERSHIP_PORT: "3002" })).toThrow(/ORGBOARD_CONFERENCE_PORT and ORGBOARD_MEMBERSHIP_PORT are both 3002/);
  });
});

describe("the launcher's secrets (no development secret of the realm file works, issue #9)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgboard-secrets-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("generates each client's secret and the denouncer key once, keeps them (mode 0600) and finds them again", () => {
    const first = launcherSecrets(dir, {});
    for (const client of LAUNCHER_CLIENTS) {
      expect(first.clients[client]).toMatch(/^[0-9a-f]{48}$/);
      expect(first.clients[client]).not.toMatch(/^dev-/);
    }
    expect(Object.keys(first.clients).sort()).toEqual(["inspection", "membership", "personnel", "realtime", "restructuring"]);
    expect(new Set(Object.values(first.clients)).size).toBe(LAUNCHER_CLIENTS.length);
    expect(first.denouncerKeys).toMatch(/^launcher-\d{8}:[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.denouncerKeys.split(":")[1]!, "base64")).toHaveLength(32);
    expect(statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);
    expect(launcherSecrets(dir, {})).toEqual(first);
  });

  it("takes a secret from ORGBOARD_<CLIENT>_CLIENT_SECRET without storing it, and refuses the realm file's public defaults", () => {
    const stored = readFileSync(secretsFile(dir), "utf8");
    const given = launcherSecrets(dir, { ORGBOARD_INSPECTION_CLIENT_SECRET: "operator-chosen-secret", ORGBOARD_INSPECTION_DENOUNCER_KEYS: "k1:abc" });
    expect(given.clients.inspection).toBe("operator-chosen-secret");
    expect(given.denouncerKeys).toBe("k1:abc");
    expect(readFileSync(secretsFile(dir), "utf8")).toBe(stored);
    expect(() => launcherSecrets(dir, { ORGBOARD_REALTIME_CLIENT_SECRET: "dev-realtime-secret" })).toThrow(
      /ORGBOARD_REALTIME_CLIENT_SECRET: không được dùng bí mật mặc định .* \/ must not be the realm file's public development default/,
    );
  });
});

describe("child environment", () => {
  it("drops the launcher's own ORGBOARD_* settings and adds the app's", () => {
    const env = childEnv({ PATH: "/bin", ORGBOARD_IDENTITY_PORT: "9", ORGBOARD_DATA_DIR: "/d", ORGBOARD_REALTIME_CLIENT_SECRET: "s" }, { PORT: "8190", DATA_DIR: "/d/identity" });
    expect(env).toEqual({ PATH: "/bin", PORT: "8190", DATA_DIR: "/d/identity" });
  });
});

describe("orgboard simulate: renamed variables", () => {
  it("refuses the old names, naming the new ones", () => {
    expect(() => refuseRenamedVariables({ ORGBOARD_CONFERENCE_URL: "http://x", ORGBOARD_BRIDGE_WEBHOOK_SECRET: "whsec_x" })).toThrow(
      "ORGBOARD_CONFERENCE_URL đã đổi tên thành CONFERENCE_URL / ORGBOARD_CONFERENCE_URL was renamed to CONFERENCE_URL; ORGBOARD_BRIDGE_WEBHOOK_SECRET đã đổi tên thành CONFERENCE_BRIDGE_WEBHOOK_SECRET",
    );
    expect(() => refuseRenamedVariables({ CONFERENCE_URL: "http://x" })).not.toThrow();
  });
});

describe("child log lines", () => {
  it("shortens pino JSON and leaves other lines alone", () => {
    const line = JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 1, 2, 3), pid: 1, hostname: "h", service: "conference", msg: "listening", url: "http://x" });
    expect(formatLogLine(line)).toMatch(/^\d\d:\d\d:\d\d listening url=http:\/\/x$/);
    expect(formatLogLine(JSON.stringify({ level: 50, msg: "boom", err: { message: "m" } }))).toContain('ERROR boom err={"message":"m"}');
    expect(formatLogLine("plain text")).toBe("plain text");
    expect(formatLogLine("{not json")).toBe("{not json");
  });
  it("drops successful request lines unless asked for them", () => {
    const ok = JSON.stringify({ level: 30, msg: "request", status: 200, path: "/trpc/x" });
    const failed = JSON.stringify({ level: 30, msg: "request", status: 500, path: "/trpc/x" });
    expect(formatLogLine(ok, false)).toBeNull();
    expect(formatLogLine(ok, true)).toContain("path=/trpc/x");
    expect(formatLogLine(failed, false)).toContain("status=500");
  });
});

describe("port checks", () => {
  it("says which part's port is taken and which variable moves it", async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", () => r()));
    try {
      expect(await portFree(port, "127.0.0.1")).toBe(false);
      const lines = await takenPorts({ ...DEFAULT_PORTS, identity: await freePort(), membership: await freePort(), inspection: await freePort(), personnel: await freePort(), restructuring: await freePort(), realtime: await freePort(), dashboard: await freePort(), conference: port }, "127.0.0.1");
      expect(lines).toEqual([`port ${port} (conference) is already in use; stop what uses it or set ORGBOARD_CONFERENCE_PORT`]);
    } finally {
      blocker.close();
    }
  });
});

// ---- the whole system

interface Started {
  proc: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

async function ports(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  // Eight distinct ports: the system can hand a port just released back to the next freePort, and `orgboard start`
  // refuses two parts on one port (exit 2, not the taken port's 1: a local CI run failed so).
  const used = new Set<number>();
  for (const part of ["identity", "membership", "conference", "inspection", "personnel", "restructuring", "realtime", "dashboard"]) {
    let port = await freePort();
    while (used.has(port)) port = await freePort();
    used.add(port);
    env[`ORGBOARD_${part.toUpperCase()}_PORT`] = String(port);
  }
  return env;
}

function startSystem(env: Record<string, string>): Started {
  const proc = spawn(process.execPath, [MAIN, "start"], { cwd: ROOT, env: { ...process.env, ...env, DATABASE_URL: "", NO_COLOR: "1" } });
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on("close", (code) => resolve(code)));
  return { proc, out: () => out, exit };
}

// Eight processes and three seeds on a shared 2-core machine: minutes under load, not seconds.
async function until(what: string, check: () => boolean, s: Started, timeoutMs = 420_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${s.out()}`);
    if (s.proc.exitCode !== null) throw new Error(`orgboard start exited (${s.proc.exitCode}) before ${what}; output:\n${s.out()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const running: Started[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), "orgboard-start-"));
/** The realm's signing key ids, as the first start published them (a restart on the same data keeps them). */
let firstKids: string[] = [];
const realmKids = async (identityUrl: string) =>
  ((await (await fetch(`${identityUrl}/realms/orgboard/protocol/openid-connect/certs`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
afterAll(() => {
  for (const s of running) if (s.proc.exitCode === null) s.proc.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("orgboard start", () => {
  it("starts everything in order, serves the dashboard's config, and stops cleanly on SIGTERM", async () => {
    const env: Record<string, string> = { ...(await ports()), ORGBOARD_DATA_DIR: dataDir };
    const url = (part: string) => `http://127.0.0.1:${env[`ORGBOARD_${part.toUpperCase()}_PORT`]}`;
    const s = startSystem(env);
    running.push(s);
    await until("the banner", () => s.out().includes("orgboard is running"), s);
    const out = s.out();
    // dependency order: identity ready before the services start; realtime after them; the dashboard last
    const at = (text: string) => out.indexOf(text);
    // A part's log prefix: its name padded to the longest part's ("restructuring"), then "│".
    const tag = (part: string, text: string) => `${part.padEnd(Math.max(...Object.keys(DEFAULT_PORTS).map((p) => p.length), "orgboard".length))} │ ${text}`;
    expect(at("identity: realm")).toBeGreaterThan(-1);
    expect(at("identity: realm")).toBeLessThan(at(tag("conference", "process")));
    expect(at(tag("conference", "process"))).toBeLessThan(at(tag("realtime", "process")));
    // inspection after membership (it reads its subjects there) and after its own demo data; realtime after it
    if (membershipBuilt) expect(at(tag("membership", "process"))).toBeLessThan(at(tag("inspection", "process")));
    expect(at(tag("inspection", "demo data loaded"))).toBeGreaterThan(-1);
    expect(at(tag("inspection", "demo data loaded"))).toBeLessThan(at(tag("inspection", "process")));
    expect(at(tag("inspection", "process"))).toBeLessThan(at(tag("realtime", "process")));
    // personnel after inspection (it consults it and follows its stream), after its own demo data
    expect(at(tag("personnel", "demo data loaded"))).toBeGreaterThan(-1);
    expect(at(tag("inspection", "process"))).toBeLessThan(at(tag("personnel", "process")));
    expect(at(tag("personnel", "demo data loaded"))).toBeLessThan(at(tag("personnel", "process")));
    // restructuring after membership (it previews plans on membership's tree)
    if (membershipBuilt) expect(at(tag("membership", "process"))).toBeLessThan(at(tag("restructuring", "process")));
    expect(at(tag("restructuring", "process"))).toBeLessThan(at(tag("realtime", "process")));
    expect(at(tag("realtime", "process"))).toBeLessThan(at(tag("dashboard", "process")));
    // the banner: URLs and the demo logins of the realm file
    expect(out).toContain(`Dashboard         ${url("dashboard")}`);
    expect(out).toMatch(/hn\.bantochuc +001175003318 +Trần Thị Bình/);
    expect(out).toMatch(/tw\.bantochuc +001068004521 +Nguyễn Văn An/);

    const config = (await (await fetch(`${url("dashboard")}/config.json`)).json()) as Record<string, unknown>;
    expect(config).toEqual({
      identity: { url: url("identity"), realm: "orgboard", clientId: "dashboard" },
      services: { membership: url("membership"), conference: url("conference"), inspection: url("inspection"), personnel: url("personnel"), restructuring: url("restructuring") },
      realtimeUrl: url("realtime"),
      defaultLanguage: "vi",
    });
    expect((await fetch(`${url("dashboard")}/`)).headers.get("content-type")).toContain("text/html");
    expect((await fetch(`${url("realtime")}/readyz`)).status).toBe(200);
    expect((await fetch(`${url("inspection")}/readyz`)).status).toBe(200);
    expect(out).toContain(`Inspection        ${url("inspection")}/trpc`);
    expect((await fetch(`${url("personnel")}/readyz`)).status).toBe(200);
    expect(out).toContain(`Personnel         ${url("personnel")}/trpc`);
    expect((await fetch(`${url("restructuring")}/readyz`)).status).toBe(200);
    expect(out).toContain(`Restructuring     ${url("restructuring")}/trpc`);
    expect(out).toMatch(/Restructuring \(2025 plan, preview\): log in as tw\.bantochuc \(001068004521, central board\)/);
    // The services' client secrets were generated for this data directory and work: inspection's stream
    // is relayed by realtime (its token), and no realm development secret was needed.
    const secrets = JSON.parse(readFileSync(path.join(dataDir, "launcher/secrets.json"), "utf8")) as { clients: Record<string, string> };
    expect(Object.keys(secrets.clients).sort()).toEqual(["inspection", "membership", "personnel", "realtime", "restructuring"]);
    for (const secret of Object.values(secrets.clients)) expect(out).not.toContain(secret);
    const tokenUrl = `${url("identity")}/realms/orgboard/protocol/openid-connect/token`;
    const grant = (client: string, secret: string) =>
      fetch(tokenUrl, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: client, client_secret: secret }) });
    // realtime reads inspection's stream with its generated secret (as it reads the other two)
    // (its /readyz details need a service token since #9: realtime's own, from its generated secret)
    const realtimeToken = ((await (await grant("realtime", secrets.clients.realtime!)).json()) as { access_token: string }).access_token;
    let relayed: Record<string, { state?: string }> = {};
    // ... and personnel's (its figures' notices for the boards' panel)
    const consuming = () => relayed.inspection?.state === "consuming" && relayed.personnel?.state === "consuming";
    for (let i = 0; i < 60 && !consuming(); i++) {
      relayed = ((await (await fetch(`${url("realtime")}/readyz`, { headers: { authorization: `Bearer ${realtimeToken}` } })).json()) as { services?: Record<string, { state?: string }> }).services ?? {};
      if (!consuming()) await new Promise((r) => setTimeout(r, 500));
    }
    expect(relayed.inspection?.state).toBe("consuming");
    expect(relayed.personnel?.state).toBe("consuming");
    for (const client of ["realtime", "inspection", "membership", "personnel", "restructuring"]) {
      expect((await grant(client, secrets.clients[client]!)).status, client).toBe(200);
      expect((await grant(client, `dev-${client}-secret`)).status, `${client} with the realm file's default`).toBe(401);
    }
    // CORS for the dashboard's origin
    const cors = await fetch(`${url("conference")}/readyz`, { headers: { origin: url("dashboard") } });
    expect(cors.headers.get("access-control-allow-origin")).toBe(url("dashboard"));

    firstKids = await realmKids(url("identity"));
    expect(firstKids).toHaveLength(1);

    // demo data: a scheduled 67-site conference, visible to the organizer
    const realm = await discoverRealm(url("identity"));
    const token = await officialSession(realm, "001085009132")();
    const list = await fetch(`${url("conference")}/trpc/conference.list?input=${encodeURIComponent(JSON.stringify({ limit: 10 }))}`, { headers: { authorization: `Bearer ${token}` } });
    const items = ((await list.json()) as { result: { data: { items: { status: string }[] } } }).result.data.items;
    expect(items.map((i) => i.status)).toEqual(["scheduled"]);
    if (membershipBuilt) {
      expect((await fetch(`${url("membership")}/readyz`)).status).toBe(200);
      expect(out).toMatch(/membership +│ demo data loaded/);
    } else {
      expect(out).toContain("membership is not built");
    }

    s.proc.kill("SIGTERM");
    expect(await s.exit).toBe(0);
    expect(s.out()).toMatch(/orgboard +│ stopped/);
    for (const port of Object.values(env).filter((v) => /^\d+$/.test(v))) expect(await portFree(Number(port), "127.0.0.1")).toBe(true);
    expect(existsSync(path.join(dataDir, "conference"))).toBe(true);
    expect(existsSync(path.join(dataDir, "identity", "keys.json"))).toBe(true);
    expect(readFileSync(path.join(dataDir, "dashboard/site/config.json"), "utf8")).toContain(url("realtime"));
  }, 900_000);

  it("refuses to start when a port is taken, naming it", async () => {
    const env = await ports();
    const blocker = createServer();
    const port = Number(env.ORGBOARD_REALTIME_PORT);
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", () => r()));
    try {
      const s = startSystem({ ...env, ORGBOARD_DATA_DIR: dataDir });
      expect(await s.exit).toBe(1);
      expect(s.out()).toContain(`port ${port} (realtime) is already in use; stop what uses it or set ORGBOARD_REALTIME_PORT`);
      expect(s.out()).not.toContain("process");
    } finally {
      blocker.close();
    }
  });

  it("restarts on the same data without loading demo data twice, keeping the realm's keys, and stops everything when a child dies", async () => {
    const env = await ports();
    const s = startSystem({ ...env, ORGBOARD_DATA_DIR: dataDir });
    running.push(s);
    await until("the banner", () => s.out().includes("orgboard is running"), s);
    expect(firstKids).toHaveLength(1);
    expect(await realmKids(`http://127.0.0.1:${env.ORGBOARD_IDENTITY_PORT}`)).toEqual(firstKids);
    expect(s.out()).toContain("conference already has conferences: not scheduling the demo one");
    if (membershipBuilt) expect(s.out()).toContain("membership database already holds data: not seeding");
    expect(s.out()).toContain("inspection database already holds data: not seeding");
    const pid = Number(/conference +│ process (\d+) started/.exec(s.out())?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, "SIGKILL");
    expect(await s.exit).toBe(1);
    expect(s.out()).toContain("conference exited unexpectedly (signal SIGKILL)");
    expect(s.out()).toMatch(/orgboard start: conference exited unexpectedly/);
    // every other child was stopped: no process of this run is left
    for (const m of s.out().matchAll(/│ process (\d+) started/g)) {
      expect(() => process.kill(Number(m[1]), 0)).toThrow();
    }
  }, 900_000);
});
