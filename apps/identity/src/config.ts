// Configuration from the environment, validated at start: a bad value stops the process with the
// variable's name rather than failing later on a login.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.url()));

const envSchema = z.object({
  ORGBOARD_IDENTITY_HOST: z.string().min(1).default("127.0.0.1"),
  ORGBOARD_IDENTITY_PORT: z.coerce.number().int().min(0).max(65535).default(8190),
  ORGBOARD_IDENTITY_PUBLIC_URL: z.url().optional(),
  ORGBOARD_REALM_FILE: z.string().min(1).optional(),
  ORGBOARD_DASHBOARD_REDIRECT_URIS: list,
  ORGBOARD_VNEID_URL: z.url().optional(),
  KEYCLOAK_URL: z.url().optional(),
  ORGBOARD_IDENTITY_COOKIE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ORGBOARD_IDENTITY_DATA_DIR: z.string().trim().min(1, "must be a directory path").optional(),
});

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
   * restart (`orgboard start` passes `<ORGBOARD_DATA_DIR>/identity`). Unset: all in memory, new at each start.
   */
  dataDir?: string;
  /** Environment used for the realm file's ${VAR:default} placeholders; default process.env. */
  env?: Record<string, string | undefined>;
}

export const defaultRealmFile = fileURLToPath(new URL("../../../infra/keycloak/orgboard-realm.json", import.meta.url));

export function optionsFromEnv(env: Record<string, string | undefined> = process.env): IdentityOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid identity configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const keycloak = e.KEYCLOAK_URL ?? "http://127.0.0.1:8180";
  return {
    host: e.ORGBOARD_IDENTITY_HOST,
    port: e.ORGBOARD_IDENTITY_PORT,
    publicUrl: e.ORGBOARD_IDENTITY_PUBLIC_URL,
    realmFile: e.ORGBOARD_REALM_FILE,
    dashboardRedirectUris: e.ORGBOARD_DASHBOARD_REDIRECT_URIS,
    vneidUrl: e.ORGBOARD_VNEID_URL,
    keycloakUrls: [keycloak, keycloak.replace("//127.0.0.1", "//localhost")],
    cookieSecret: e.ORGBOARD_IDENTITY_COOKIE_SECRET,
    dataDir: e.ORGBOARD_IDENTITY_DATA_DIR === undefined ? undefined : resolve(e.ORGBOARD_IDENTITY_DATA_DIR),
    env,
  };
}
