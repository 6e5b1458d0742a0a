// Configuration from the environment (docs/configuration.md): validated once at start, every problem
// reported at once, one line per variable, Vietnamese first then English, never a secret's value.
import { z } from "zod";
import { bilingual } from "./bilingual.js";
import type { RateLimitOptions } from "./rate-limit.js";

/** Exit code of a configuration error: EX_CONFIG from sysexits.h (a crash exits 1). */
export const EXIT_CONFIG = 78;

export interface ConfigProblem {
  variable: string;
  /** "<Vietnamese> / <English>", plus `, got "<value>"` unless the variable is a secret. */
  message: string;
}

/** Bad or missing configuration; `problems` name each variable (never a secret's value). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly problems: ConfigProblem[],
    app?: string,
  ) {
    super(
      `${app ? `${app}: ` : ""}cấu hình không hợp lệ / invalid configuration (${problems.length}):\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n")}`,
    );
  }
}

export interface LoadConfigOptions {
  /** Prefix of the message, e.g. "membership". */
  app?: string;
  /**
   * "exit": print the problems to stderr and exit(EXIT_CONFIG) — what a service's main wants.
   * "throw": throw ConfigError. Defaults to "throw" under a test runner (VITEST / NODE_ENV=test), else "exit".
   */
  onError?: "exit" | "throw";
  /** Old name → new name: an old name that is set is a problem naming both (no silent aliasing). */
  renamed?: Record<string, string>;
  /** Variables whose values are never printed, besides `isSecretName`'s. */
  secrets?: readonly string[];
  /** More problems found outside the schema (e.g. a file the configuration points to). */
  extraProblems?: (env: Record<string, string | undefined>) => ConfigProblem[];
}

/** Names whose values are never printed: `*_SECRET`, `*_PASSWORD`, `*_TOKEN`, `*_KEY`, `DATABASE_URL`. */
export function isSecretName(name: string): boolean {
  return /(_SECRET|_PASSWORD|_TOKEN|_KEY)$/.test(name) || /(^|_)DATABASE_URL$/.test(name);
}

/** Development mode is explicit: `NODE_ENV=development` (unset counts as production). */
export function isDevelopment(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === "development";
}

export { bilingual };

export const REQUIRED_MESSAGE = bilingual("chưa được đặt (bắt buộc)", "is required but not set");
export const renamedMessage = (to: string) => bilingual(`đã đổi tên thành ${to}`, `was renamed to ${to}`);

const MAX_SHOWN = 80;
function shown(value: string): string {
  const v = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(v);
}

/** A message already in "<vi> / <en>" form is kept; zod's own English messages get a Vietnamese half. */
function translate(issue: z.core.$ZodIssue): string {
  if (issue.message.includes(" / ")) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "number" ? bilingual("phải là số", "must be a number") : bilingual(`phải là ${issue.expected}`, `must be ${issue.expected}`);
    case "invalid_format":
      return issue.format === "url" ? bilingual("phải là một URL", "must be a URL") : bilingual(`sai định dạng ${issue.format}`, `must be a valid ${issue.format}`);
    case "invalid_value":
      return bilingual(`phải là một trong ${issue.values.map(String).join(", ")}`, `must be one of ${issue.values.map(String).join(", ")}`);
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? bilingual("không được để trống", "must not be empty") : bilingual(`phải có ít nhất ${issue.minimum} ký tự`, `must be at least ${issue.minimum} characters`);
      return bilingual(`phải từ ${issue.minimum} trở lên`, `must be at least ${issue.minimum}`);
    case "too_big":
      return bilingual(`phải không quá ${issue.maximum}`, `must be at most ${issue.maximum}`);
    case "not_multiple_of":
    case "unrecognized_keys":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return bilingual("không hợp lệ", issue.message);
  }
}

/** Validates environment variables against a zod object schema, with one clear message for all problems. */
export function loadConfig<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
  opts: LoadConfigOptions = {},
): z.infer<T> {
  const secret = (name: string) => isSecretName(name) || (opts.secrets?.includes(name) ?? false);
  const problems: ConfigProblem[] = [];
  for (const [old, to] of Object.entries(opts.renamed ?? {})) {
    if (env[old] !== undefined) problems.push({ variable: old, message: renamedMessage(to) });
  }
  const result = schema.safeParse(env);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const variable = issue.path.map(String).join(".") || "(environment)";
      const raw = issue.path.length > 0 ? env[String(issue.path[0])] : undefined;
      if (raw === undefined && issue.path.length > 0 && issue.code !== "custom") {
        problems.push({ variable, message: REQUIRED_MESSAGE });
        continue;
      }
      const message = translate(issue);
      problems.push({ variable, message: raw === undefined || secret(variable) ? message : `${message}, got ${shown(raw)}` });
    }
  }
  problems.push(...(opts.extraProblems?.(env) ?? []));
  if (result.success && problems.length === 0) return result.data;
  const error = new ConfigError(problems, opts.app);
  const onError = opts.onError ?? (process.env.VITEST || process.env.NODE_ENV === "test" ? "throw" : "exit");
  if (onError === "throw") throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(EXIT_CONFIG);
}

/** Variable helpers with bilingual messages. */
const wholeNumberMessage = (min: number, max?: number) =>
  max === undefined
    ? bilingual(`phải là số nguyên từ ${min} trở lên`, `must be a whole number of at least ${min}`)
    : bilingual(`phải là số nguyên từ ${min} đến ${max}`, `must be a whole number from ${min} to ${max}`);

/** A whole number in [min, max]; one message for every way it can be wrong. */
export function wholeNumber(min: number, max?: number) {
  const error = wholeNumberMessage(min, max);
  const n = z.coerce.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? n : n.max(max, { error });
}

/** A TCP port; 0 picks a free one. */
export const port = () => wholeNumber(0, 65535);

/** An http(s) URL. */
export const httpUrl = () =>
  z.url({ protocol: /^https?$/, error: bilingual("phải là một URL http(s)", "must be an http(s) URL") });

/** A non-empty string. */
export const nonEmpty = () => z.string().trim().min(1, { error: bilingual("không được để trống", "must not be empty") });

/** `true`/`false`/`1`/`0` → boolean. */
export const flag = () =>
  z
    .enum(["true", "false", "1", "0"], { error: bilingual("phải là true, false, 1 hoặc 0", "must be true, false, 1 or 0") })
    .transform((v) => v === "true" || v === "1");

/** A comma-separated list variable → string[] (empty entries dropped). */
export const commaList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

/**
 * Request rate limits of the services (createService's `rateLimits`; docs/security.md, "Limits", explains
 * the numbers): a national live dashboard loads ~100 pages at once and test harnesses make a few hundred
 * calls a minute as one principal, hence 600 a minute per principal; officials behind one office address
 * always send a token, so the per-address count sees only anonymous or refused calls.
 */
export const DEFAULT_RATE_LIMITS = { windowMs: 60_000, perPrincipal: 600, perAddress: 300, proxyHops: 0 } as const;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * Variables every server reads (docs/configuration.md); extend with `.extend({...})`, drop what an app
 * does not read with `.omit({...})`.
 */
export const baseServiceConfigSchema = z.object({
  HOST: nonEmpty().default("127.0.0.1"),
  PORT: port(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: bilingual(`phải là một trong ${LOG_LEVELS.join(", ")}`, `must be one of ${LOG_LEVELS.join(", ")}`) }).default("info"),
  /** Local state (embedded database, checkpoints, keys); unset ⇒ the app's development default. */
  DATA_DIR: nonEmpty().optional(),
  /** PostgreSQL; unset or empty ⇒ the app's embedded store in DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 100).default(10),
  /** `<identity>/realms/orgboard` */
  OIDC_ISSUER: httpUrl(),
  /** This service's client id, e.g. `membership`. */
  OIDC_AUDIENCE: nonEmpty(),
  /** Defaults to Keycloak's certs endpoint under the issuer. */
  OIDC_JWKS_URL: httpUrl().optional(),
  /** Dashboard origins allowed by CORS. */
  CORS_ORIGINS: commaList.default([]),
  /** Largest request body; unset ⇒ the app's own default. */
  BODY_LIMIT_BYTES: wholeNumber(1024).optional(),
  /** Request rate limits (docs/security.md, "Limits"): window, per principal, per address without a valid token. */
  RATE_LIMIT_WINDOW_MS: wholeNumber(1000, 3_600_000).default(DEFAULT_RATE_LIMITS.windowMs),
  RATE_LIMIT_PER_PRINCIPAL: wholeNumber(0).default(DEFAULT_RATE_LIMITS.perPrincipal),
  RATE_LIMIT_PER_ADDRESS: wholeNumber(0).default(DEFAULT_RATE_LIMITS.perAddress),
  /** Reverse proxies in front that append to X-Forwarded-For; 0 ⇒ the socket's address is the client's. */
  RATE_LIMIT_PROXY_HOPS: wholeNumber(0, 10).default(DEFAULT_RATE_LIMITS.proxyHops),
});
export type BaseServiceConfig = z.infer<typeof baseServiceConfigSchema>;

/** The rate limits a service's configuration sets, for createService's `rateLimits`. */
export function rateLimitsFromConfig(config: Pick<BaseServiceConfig, "RATE_LIMIT_WINDOW_MS" | "RATE_LIMIT_PER_PRINCIPAL" | "RATE_LIMIT_PER_ADDRESS" | "RATE_LIMIT_PROXY_HOPS">): RateLimitOptions {
  return {
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    perPrincipal: config.RATE_LIMIT_PER_PRINCIPAL,
    perAddress: config.RATE_LIMIT_PER_ADDRESS,
    proxyHops: config.RATE_LIMIT_PROXY_HOPS,
  };
}

/** The variable names a schema reads (for docs/configuration.md's completeness test). */
export function configVariables(schema: z.ZodType): string[] {
  let s: z.ZodType = schema;
  // unwrap .superRefine()/.pipe()/.transform() down to the object
  for (let i = 0; i < 10 && !(s instanceof z.ZodObject); i++) {
    const def = (s as unknown as { def: { in?: z.ZodType; schema?: z.ZodType; innerType?: z.ZodType } }).def;
    const next = def.in ?? def.schema ?? def.innerType;
    if (!next) break;
    s = next;
  }
  if (!(s instanceof z.ZodObject)) throw new Error("configVariables: not an object schema");
  return Object.keys(s.shape);
}

/**
 * The variables table of docs/configuration.md (between `<!-- variables:start -->` and `<!-- variables:end -->`):
 * name → the app letters of its "Apps" column (M C R I L) and whether its "Secret" column says yes.
 */
export function documentedVariables(markdown: string): Map<string, { apps: string[]; secret: boolean }> {
  const start = markdown.indexOf("<!-- variables:start -->");
  const end = markdown.indexOf("<!-- variables:end -->");
  const out = new Map<string, { apps: string[]; secret: boolean }>();
  if (start < 0 || end < start) return out;
  for (const line of markdown.slice(start, end).split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[1] ?? "")?.[1];
    if (name) out.set(name, { apps: (cells[2] ?? "").split(/\s+/).filter(Boolean), secret: (cells[5] ?? "").startsWith("yes") });
  }
  return out;
}
