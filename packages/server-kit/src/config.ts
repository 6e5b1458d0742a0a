import { z } from "zod";

/** Bad or missing configuration; `problems` name each variable (never its value: it may be a secret). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n")}`,
    );
  }
}

export interface LoadConfigOptions {
  /**
   * "exit": print the problems to stderr and exit(1) — what a service's main wants.
   * "throw": throw ConfigError. Defaults to "throw" under a test runner (VITEST / NODE_ENV=test), else "exit".
   */
  onError?: "exit" | "throw";
}

/** Validates environment variables against a zod object schema, with one clear message for all problems. */
export function loadConfig<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
  opts: LoadConfigOptions = {},
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join(".") || "(environment)";
    const missing = issue.path.length > 0 && env[String(issue.path[0])] === undefined;
    return { variable, message: missing ? "is required but not set" : issue.message };
  });
  const error = new ConfigError(problems);
  const onError = opts.onError ?? (process.env.VITEST || process.env.NODE_ENV === "test" ? "throw" : "exit");
  if (onError === "throw") throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

/** A comma-separated list variable → string[] (empty entries dropped). */
export const commaList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

/** Variables every service reads; extend with `.extend({...})`. */
export const baseServiceConfigSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `<base>/realms/orgboard` */
  OIDC_ISSUER: z.url(),
  /** This service's client id, e.g. `membership`. */
  OIDC_AUDIENCE: z.string().min(1),
  /** Defaults to Keycloak's certs endpoint under the issuer. */
  OIDC_JWKS_URL: z.url().optional(),
  /** Dashboard origins allowed by CORS. */
  CORS_ORIGINS: commaList.default([]),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  DATABASE_URL: z.string().optional(),
});
export type BaseServiceConfig = z.infer<typeof baseServiceConfigSchema>;
