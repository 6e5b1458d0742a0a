// Configuration from the environment (docs/configuration.md), validated at start: a missing, malformed or
// renamed variable stops the process (exit 78) naming each one, rather than failing later on a login.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bilingual, commaList, httpUrl, isDevelopment, loadConfig, nonEmpty, port, type ConfigProblem } from "@orgboard/server-kit";
import { z } from "zod";

const urlList = commaList.pipe(z.array(z.url({ error: bilingual("mỗi mục phải là một URL", "every entry must be a URL") })));

/** Clients of the realm file whose secret is a `${IDENTITY_<CLIENT>_CLIENT_SECRET:dev-…}` placeholder. */
export const REALM_CLIENT_SECRETS = ["MEMBERSHIP", "CONFERENCE", "REALTIME", "INSPECTION", "PERSONNEL", "RESTRUCTURING", "VNEID"].map(
  (c) => `IDENTITY_${c}_CLIENT_SECRET`,
);

export const identityConfigSchema = z.object({
  HOST: nonEmpty().default("127.0.0.1"),
  PORT: port().default(8190),
  PUBLIC_URL: httpUrl().optional(),
  DATA_DIR: nonEmpty().optional(),
  IDENTITY_REALM_FILE: nonEmpty().optional(),
  IDENTITY_DASHBOARD_URL: httpUrl().optional(),
  IDENTITY_DASHBOARD_REDIRECT_URIS: urlList.default([]),
  IDENTITY_VNEID_URL: httpUrl().optional(),
  IDENTITY_KEYCLOAK_URL: httpUrl().optional(),
  IDENTITY_COOKIE_SECRET: z.string().min(32, { error: bilingual("phải có ít nhất 32 ký tự", "must be at least 32 characters") }).optional(),
  ...Object.fromEntries(REALM_CLIENT_SECRETS.map((name) => [name, nonEmpty().optional()])),
});

/** Names from before docs/configuration.md's convention: set, they stop the start naming the new one. */
export const identityRenamed: Record<string, string> = {
  ORGBOARD_IDENTITY_HOST: "HOST",
  ORGBOARD_IDENTITY_PORT: "PORT",
  ORGBOARD_IDENTITY_PUBLIC_URL: "PUBLIC_URL",
  ORGBOARD_IDENTITY_DATA_DIR: "DATA_DIR",
  ORGBOARD_IDENTITY_COOKIE_SECRET: "IDENTITY_COOKIE_SECRET",
  ORGBOARD_REALM_FILE: "IDENTITY_REALM_FILE",
  ORGBOARD_DASHBOARD_REDIRECT_URIS: "IDENTITY_DASHBOARD_REDIRECT_URIS",
  ORGBOARD_DASHBOARD_URL: "IDENTITY_DASHBOARD_URL",
  ORGBOARD_VNEID_URL: "IDENTITY_VNEID_URL",
  ...Object.fromEntries(REALM_CLIENT_SECRETS.map((name) => [name.replace(/^IDENTITY_/, "ORGBOARD_"), name])),
};

export interface IdentityOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Public base URL as browsers see it; default http://host:port. */
  publicUrl?: string;
  realmFile?: string;
  /** Extra redirect / post-logout URIs for the dashboard client (the realm file's come first). */
  dashboardRedirectUris?: string[];
  /** Government identity provider the realm brokers to; default this process's simulator (<publicUrl>/vneid). */
  vneidUrl?: string;
  /** Keycloak base URL(s) allowed to broker to the simulator (its redirect URIs are derived). */
  keycloakUrls?: string[];
  /** Signs the session cookies; default the one kept in `dataDir` (or a new one at each start without it). */
  cookieSecret?: string;
  /**
   * Where signing keys, the cookie secret and sessions/grants/refresh tokens are kept so that they outlive a
   * restart (`orgboard start` passes `<ORGBOARD_DATA_DIR>/identity` as DATA_DIR). Unset: all in memory, new at each start.
   */
  dataDir?: string;
  /** Environment used for the realm file's ${VAR:default} placeholders; default process.env. */
  env?: Record<string, string | undefined>;
}

export const defaultRealmFile = fileURLToPath(new URL("../../../infra/keycloak/orgboard-realm.json", import.meta.url));

const placeholderWithDefault = /\$\{([A-Z_][A-Z0-9_]*):[^}]*\}/g;

/**
 * Outside development mode (NODE_ENV=development), a realm secret left to the realm file's development
 * default (`${IDENTITY_…_SECRET:dev-…}`) is a missing secret.
 */
function realmSecretProblems(env: Record<string, string | undefined>): ConfigProblem[] {
  if (isDevelopment(env)) return [];
  const file = env.IDENTITY_REALM_FILE ?? defaultRealmFile;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return [{ variable: "IDENTITY_REALM_FILE", message: bilingual(`không đọc được ${file}`, `cannot read ${file}: ${(e as Error).message}`) }];
  }
  const names = new Set([...text.matchAll(placeholderWithDefault)].map((m) => m[1]!).filter((n) => /_SECRET$/.test(n)));
  return [...names]
    .filter((name) => !env[name])
    .map((name) => ({
      variable: name,
      message: bilingual(
        "chưa được đặt (bắt buộc khi không ở chế độ phát triển NODE_ENV=development; giá trị mặc định trong tệp realm chỉ dùng để phát triển)",
        "is required unless NODE_ENV=development (the realm file's default is for development only)",
      ),
    }));
}

export function optionsFromEnv(env: Record<string, string | undefined> = process.env, onError?: "exit" | "throw"): IdentityOptions {
  const e = loadConfig(identityConfigSchema, env, { app: "identity", renamed: identityRenamed, extraProblems: realmSecretProblems, ...(onError ? { onError } : {}) });
  const keycloak = e.IDENTITY_KEYCLOAK_URL ?? "http://127.0.0.1:8180";
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    realmFile: e.IDENTITY_REALM_FILE,
    dashboardRedirectUris: e.IDENTITY_DASHBOARD_REDIRECT_URIS,
    vneidUrl: e.IDENTITY_VNEID_URL,
    keycloakUrls: [keycloak, keycloak.replace("//127.0.0.1", "//localhost")],
    cookieSecret: e.IDENTITY_COOKIE_SECRET,
    dataDir: e.DATA_DIR === undefined ? undefined : resolve(e.DATA_DIR),
    env,
  };
}
