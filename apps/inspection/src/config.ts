// The inspection service's configuration (docs/configuration.md): the shared server variables, the
// membership service it reads subjects from, and its own client-credentials login; checked at start,
// every problem named at once.
import { auditAnchorConfigShape, baseServiceConfigSchema, httpUrl, loadConfig, nonEmpty, port } from "@orgboard/server-kit";

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
    ...auditAnchorConfigShape,
  });
export type InspectionConfig = ReturnType<typeof inspectionConfigSchema.parse>;

/** No variable of inspection was ever renamed; kept for the shape every service's loader shares. */
export const inspectionRenamed = {} as const;

export function loadInspectionConfig(env: Record<string, string | undefined> = process.env): InspectionConfig {
  return loadConfig(inspectionConfigSchema, env, { app: "inspection", renamed: inspectionRenamed });
}

/** The token endpoint: OIDC_TOKEN_URL, else Keycloak's under the issuer. */
export function tokenUrlOf(config: Pick<InspectionConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}
