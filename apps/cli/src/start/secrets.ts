// The secrets of the one-machine system (issue #9: no development secret may work): each service client's
// secret (the side that logs in with it and identity, which checks it) and inspection's denouncer key are
// generated on the first start and kept in <ORGBOARD_DATA_DIR>/launcher/secrets.json (mode 0600), so a
// restart finds the same ones (the denouncer key opens what the last run sealed). An ORGBOARD_* variable
// replaces a generated value; delete the file (or .data/) to get new ones.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StartConfigError } from "./config.js";

/** Service clients whose secret the launcher hands to both sides (identity's IDENTITY_<CLIENT>_CLIENT_SECRET). */
export const LAUNCHER_CLIENTS = ["realtime", "inspection", "membership", "personnel", "restructuring"] as const;
export type LauncherClient = (typeof LAUNCHER_CLIENTS)[number];

export interface LauncherSecrets {
  clients: Record<LauncherClient, string>;
  /** INSPECTION_DENOUNCER_KEYS: `kid:base64key` (AES-256, 32 bytes). */
  denouncerKeys: string;
}

export const clientSecretEnv = (client: LauncherClient) => `ORGBOARD_${client.toUpperCase()}_CLIENT_SECRET`;
export const DENOUNCER_KEYS_ENV = "ORGBOARD_INSPECTION_DENOUNCER_KEYS";
export const secretsFile = (dataDir: string) => join(dataDir, "launcher", "secrets.json");

const newClientSecret = () => randomBytes(24).toString("hex");
const newDenouncerKeys = (now = new Date()) => `launcher-${now.toISOString().slice(0, 10).replaceAll("-", "")}:${randomBytes(32).toString("base64")}`;
/** A value the realm file ships as a development default (`dev-<client>-secret`) is refused: it is public. */
const isDevelopmentDefault = (value: string) => /^dev-[a-z-]*secret$/.test(value);

function readStored(file: string): Partial<LauncherSecrets> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Partial<LauncherSecrets>;
  } catch (e) {
    throw new StartConfigError(`${file}: không đọc được / cannot be read (${(e as Error).message}); xóa tệp để tạo bí mật mới / delete it to generate new secrets`);
  }
}

/** The secrets for this start: the environment's, else the stored ones, else new ones (then stored). */
export function launcherSecrets(dataDir: string, env: Record<string, string | undefined> = process.env): LauncherSecrets {
  const file = secretsFile(dataDir);
  const stored = readStored(file);
  const problems: string[] = [];
  const clients = {} as Record<LauncherClient, string>;
  let changed = false;
  for (const client of LAUNCHER_CLIENTS) {
    const given = env[clientSecretEnv(client)];
    if (given) {
      if (isDevelopmentDefault(given)) problems.push(`${clientSecretEnv(client)}: không được dùng bí mật mặc định của môi trường phát triển / must not be the realm file's public development default`);
      clients[client] = given;
      continue;
    }
    const kept = stored.clients?.[client];
    if (typeof kept === "string" && kept.length >= 32) clients[client] = kept;
    else {
      clients[client] = newClientSecret();
      changed = true;
    }
  }
  if (problems.length) throw new StartConfigError(problems.join("\n"));
  let denouncerKeys = env[DENOUNCER_KEYS_ENV] || stored.denouncerKeys || "";
  if (!denouncerKeys) {
    denouncerKeys = newDenouncerKeys();
    changed = true;
  }
  if (changed) {
    // Only generated values are written (an environment's value stays where it came from).
    const keep: LauncherSecrets = {
      clients: Object.fromEntries(LAUNCHER_CLIENTS.map((c) => [c, env[clientSecretEnv(c)] ? (stored.clients?.[c] ?? newClientSecret()) : clients[c]])) as Record<LauncherClient, string>,
      denouncerKeys: env[DENOUNCER_KEYS_ENV] ? (stored.denouncerKeys ?? newDenouncerKeys()) : denouncerKeys,
    };
    mkdirSync(join(dataDir, "launcher"), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(keep, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }
  return { clients, denouncerKeys };
}
