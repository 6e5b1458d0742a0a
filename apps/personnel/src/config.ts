// The personnel service's configuration (docs/configuration.md): the shared server variables, the
// services it consults (membership, inspection) and its own client-credentials login; checked at start,
// every problem named at once.
import { auditAnchorConfigShape, baseServiceConfigSchema, httpUrl, loadConfig, nonEmpty, port } from "@orgboard/server-kit";

export const personnelConfigSchema = baseServiceConfigSchema.extend({
  PORT: port().default(4007),
  OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("personnel"),
  /** Membership's base URL: a member's standing, for political-standard conclusions. */
  MEMBERSHIP_URL: httpUrl(),
  /** Inspection's base URL: discipline in effect (cases.listForSubject) and its stream of decisions. */
  INSPECTION_URL: httpUrl(),
  OIDC_CLIENT_ID: nonEmpty().default("personnel"),
  /** A secret: no default anywhere (docs/configuration.md). */
  OIDC_CLIENT_SECRET: nonEmpty(),
  OIDC_TOKEN_URL: httpUrl().optional(),
  ...auditAnchorConfigShape,
});
export type PersonnelConfig = ReturnType<typeof personnelConfigSchema.parse>;

export function loadPersonnelConfig(env: Record<string, string | undefined> = process.env): PersonnelConfig {
  return loadConfig(personnelConfigSchema, env, { app: "personnel", renamed: {}, secrets: [] });
}

/** The token endpoint: OIDC_TOKEN_URL, else Keycloak's under the issuer. */
export function tokenUrlOf(config: Pick<PersonnelConfig, "OIDC_ISSUER" | "OIDC_TOKEN_URL">): string {
  return config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`;
}
