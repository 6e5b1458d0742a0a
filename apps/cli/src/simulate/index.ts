// `orgboard simulate conference --sites 67 [--speed 10x] [--seed N]`: plays apps/conference's simulated
// quarterly conference against a running system. Tokens come from the realm (identity): the organizer
// (and, for the sites, the same operator: conference_operator may operate every site of its conference)
// signs in through the VNeID simulator; the videoconference bridge uses a service account (client
// credentials) or, with a webhook secret, signs its heartbeats instead. Progress goes to stderr, the final
// report to stdout.
import { simulateConference, type SimulationProgress, type SimulatorActor } from "@orgboard/conference";
import { type Command, InvalidArgumentError } from "commander";
import { CliInputError, EXIT_OK } from "../errors.js";
import { repoPath } from "../start/paths.js";
import { discoverRealm, officialSession, readRealmUsers, serviceSession } from "./login.js";

export const DEFAULT_IDENTITY_URL = "http://127.0.0.1:8190";
export const DEFAULT_CONFERENCE_URL = "http://127.0.0.1:3002";

/** "10x", "10", "0.5x" → 10, 10, 0.5; "max" → Infinity (no waiting). */
export function parseSpeed(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === "max" || v === "infinity") return Infinity;
  const m = /^(\d+(?:\.\d+)?)x?$/.exec(v);
  const n = m ? Number(m[1]) : NaN;
  if (!(n > 0)) throw new InvalidArgumentError(`--speed phải là hệ số dương như 10x (hoặc "max") / must be a positive factor like 10x (or "max"), got "${value}"`);
  return n;
}

const positiveInt = (name: string, max: number) => (value: string) => {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} phải là số nguyên / must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < 1 || n > max) throw new InvalidArgumentError(`${name} phải trong khoảng 1 đến ${max} / must be between 1 and ${max}, got ${n}`);
  return n;
};

const url = (name: string) => (value: string) => {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new InvalidArgumentError(`${name} phải là URL http(s) / must be an http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, "");
};

export interface SimulateOptions {
  sites: number;
  speed: number;
  seed: number;
  edition?: "2024" | "2025";
  identityUrl: string;
  conferenceUrl: string;
  as: string;
  bridgeClient: string;
  bridgeSecret: string;
  json: boolean;
}

function formatMinute(m: number): string {
  const whole = Math.floor(m);
  return `${String(Math.floor(whole / 60)).padStart(1, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

/** Names from before docs/configuration.md's convention: set, they stop the command naming the new one. */
export const SIMULATE_RENAMED: Record<string, string> = {
  ORGBOARD_IDENTITY_URL: "IDENTITY_URL",
  ORGBOARD_CONFERENCE_URL: "CONFERENCE_URL",
  ORGBOARD_BRIDGE_WEBHOOK_SECRET: "CONFERENCE_BRIDGE_WEBHOOK_SECRET",
};

export function refuseRenamedVariables(env: Record<string, string | undefined>): void {
  const set = Object.entries(SIMULATE_RENAMED).filter(([old]) => env[old] !== undefined);
  if (set.length) throw new CliInputError(set.map(([old]) => old).join(", "), set.map(([old, to]) => `${old} đã đổi tên thành ${to} / ${old} was renamed to ${to}`).join("; "));
}

export async function runConferenceSimulation(opts: SimulateOptions, signal?: AbortSignal): Promise<number> {
  const users = readRealmUsers(repoPath("infra/keycloak/orgboard-realm.json"));
  const official = users.find((u) => u.username === opts.as);
  if (!official) throw new CliInputError("--as", `no official "${opts.as}" in the realm (known: ${users.map((u) => u.username).join(", ")})`);
  if (!official.roles.includes("conference_operator")) throw new CliInputError("--as", `${opts.as} is not a conference operator (roles: ${official.roles.join(", ")})`);

  const realm = await discoverRealm(opts.identityUrl);
  const organizer = officialSession(realm, official.nationalId);
  const webhookSecret = process.env.CONFERENCE_BRIDGE_WEBHOOK_SECRET || undefined;
  const bridge = serviceSession(realm.token, opts.bridgeClient, opts.bridgeSecret);
  // Fail early and clearly (before a conference is created) when the sign-in or the service is wrong.
  await organizer();
  if (!webhookSecret) await bridge();
  try {
    const ready = await fetch(`${opts.conferenceUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
    if (!ready.ok) throw new Error(`HTTP ${ready.status}`);
  } catch (e) {
    throw new Error(`the conference service at ${opts.conferenceUrl} is not ready (${(e as Error).message}); is the system running (pnpm orgboard start)? set CONFERENCE_URL`);
  }

  const speedText = Number.isFinite(opts.speed) ? `${opts.speed}x` : "max speed";
  process.stderr.write(`simulate: ${opts.sites} sites, ${speedText}, seed ${opts.seed}, organizer ${official.username} (${official.name}) → ${opts.conferenceUrl}\n`);
  const onProgress = (p: SimulationProgress) => {
    if (p.action === "heartbeats") return;
    process.stderr.write(`[${formatMinute(p.minute)}] ${p.action.padEnd(15)} ${p.message}\n`);
  };
  const report = await simulateConference({
    baseUrl: opts.conferenceUrl,
    sites: opts.sites,
    seed: opts.seed,
    speed: opts.speed,
    ...(opts.edition ? { edition: opts.edition } : {}),
    getToken: (actor: SimulatorActor) => (actor.kind === "bridge" ? bridge() : organizer()),
    ...(webhookSecret ? { bridgeWebhookSecret: webhookSecret } : {}),
    onProgress,
    ...(signal ? { signal } : {}),
  });
  const c = report.final.counters;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(
      [
        `conference ${report.conferenceId}: ${report.final.conference.status} in ${(report.realDurationMs / 1000).toFixed(1)} s`,
        `  sites ${c.sites}: connected ${c.connected}, degraded ${c.degraded}, disconnected ${c.disconnected}; checked in ${c.checkedIn}`,
        `  attendance ${c.presentCount}/${c.expectedAttendance}; speeches ${report.final.speeches}; conclusions ${report.final.conclusions.length}`,
        `  bridge: ${report.observed.heartbeats} heartbeats in ${report.observed.heartbeatBatches} requests, ${report.observed.stateChanges} link changes; ${report.observed.trpcCalls} API calls`,
      ].join("\n") + "\n",
    );
  }
  return EXIT_OK;
}

export function registerSimulateCommand(program: Command, setExit: (code: number) => void): void {
  const simulate = program.command("simulate").description("simulate live activity against a running system (pnpm orgboard start)");
  simulate
    .command("conference")
    .description("play a realistic quarterly online conference through the conference API (sites connect, drop, check in, speak)")
    .option("--sites <n>", "number of sites (67 = 63 provinces + 4 central committees)", positiveInt("--sites", 20_000), 67)
    .option("--speed <factor>", 'simulated minutes per real minute, e.g. 10x; "max" = no waiting', parseSpeed, 10)
    .option("--seed <n>", "same seed, same conference", positiveInt("--seed", 2 ** 31 - 1), 1)
    .option("--edition <year>", "party structure: 2024 (63 provinces) or 2025 (34)", (v: string) => {
      if (v !== "2024" && v !== "2025") throw new InvalidArgumentError(`--edition phải là 2024 hoặc 2025 / must be 2024 or 2025, got "${v}"`);
      return v;
    })
    .option("--identity-url <url>", "identity provider base URL (env IDENTITY_URL)", url("--identity-url"), process.env.IDENTITY_URL || DEFAULT_IDENTITY_URL)
    .option("--conference-url <url>", "conference service base URL (env CONFERENCE_URL)", url("--conference-url"), process.env.CONFERENCE_URL || DEFAULT_CONFERENCE_URL)
    .option("--as <username>", "the organizer, a demo official with conference_operator", "hoinghi.vanhanh")
    .option("--bridge-client <id>", "service client the bridge's token is issued to", process.env.ORGBOARD_BRIDGE_CLIENT_ID || "conference")
    .option("--json", "print the whole report as JSON", false)
    .action(async (o: Omit<SimulateOptions, "bridgeSecret">) => {
      refuseRenamedVariables(process.env);
      const bridgeSecret = process.env.ORGBOARD_BRIDGE_CLIENT_SECRET || `dev-${o.bridgeClient}-secret`;
      const abort = new AbortController();
      const stop = () => {
        process.stderr.write("simulate: stopping (the conference stays as it is)\n");
        abort.abort();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        setExit(await runConferenceSimulation({ ...o, bridgeSecret }, abort.signal));
      } catch (e) {
        if (abort.signal.aborted) return setExit(130);
        throw e;
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
    });
}
