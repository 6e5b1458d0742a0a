// The inspection service's configuration (docs/configuration.md): the shared server variables, the
// membership service it reads subjects from, and its own client-credentials login; checked at start,
// every problem named at once.
import { auditAnchorConfigShape, baseServiceConfigSchema, bilingual, httpUrl, isDevelopment, loadConfig, nonEmpty, port, type ConfigProblem } from "@orgboard/server-kit";
import { z } from "zod";
import { DenouncerCryptoError, parseDenouncerKeys } from "./crypto/denouncer.js";

export const inspectionConfigSchema = baseServiceConfigSchema
  .extend({
    PORT: port().default(4006),
    OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("inspection"),
    /** Membership's base URL (the app appends /trpc): subjects are read there (decision 0008). */
    MEMBERSHIP_URL: httpUrl(),
    /** Inspection's own client for the client-credentials token it calls membership with. */
    OIDC_CLIENT_ID: nonEmpty().default("inspection"),
    /** A secret: no default anywhere (docs/configuration.md); without it no subject can be looked up. */
    OIDC_CLIENT_SECRET: nonEmpty(),
    /** Defaults to Keycloak's token endpoint under OIDC_ISSUER. */
    OIDC_TOKEN_URL: httpUrl().optional(),
    /**
     * Petitioners' identity keys, `kid:base64key,…` (32 bytes each; the first seals, all open: rotation,
     * docs/runbooks/rotate-denouncer-keys.md). A secret: checked by `denouncerKeyProblems`, never printed.
     */
    INSPECTION_DENOUNCER_KEYS: z.string().optional(),
    ...auditAnchorConfigShape,
  });
export type InspectionConfig = ReturnType<typeof inspectionConfigSchema.parse>;

/** No variable of inspection was ever renamed; kept for the shape every service's loader shares. */
export const inspectionRenamed = {} as const;

/** Secrets whose names `isSecretName` does not catch. */
export const INSPECTION_SECRETS = ["INSPECTION_DENOUNCER_KEYS"] as const;

/**
 * INSPECTION_DENOUNCER_KEYS: required outside development mode (no default key, docs/configuration.md);
 * when set, every entry must parse. Messages name the entry, never a key.
 */
export function denouncerKeyProblems(env: Record<string, string | undefined>): ConfigProblem[] {
  const spec = env.INSPECTION_DENOUNCER_KEYS;
  if (spec === undefined || spec.trim() === "") {
    return isDevelopment(env)
      ? []
      : [{ variable: "INSPECTION_DENOUNCER_KEYS", message: bilingual("chưa được đặt (bắt buộc ngoài chế độ phát triển)", "is required but not set (outside development mode)") }];
  }
  try {
    parseDenouncerKeys(spec);
    return [];
  } catch (e) {
    if (e instanceof DenouncerCryptoError) return [{ variable: "INSPECTION_DENOUNCER_KEYS", message: e.message }];
    throw e;
  }
}

export function loadInspectionConfig(env: Record<string, string | undefined> = process.env): InspectionConfig {
  return loadConfig(inspectionConfigSchema, env, { app: "inspection", renamed: inspectionRenamed, secrets: INSPECTION_SECRETS, extraProblems: denouncerKeyProblems });
}

/** The token endpoint: OIDC_TOKEN_URL, else Keycloak's under the issuer. */
export function tokenUrlOf(config: Pick<InspectionConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}
