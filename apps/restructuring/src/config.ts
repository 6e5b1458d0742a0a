// The restructuring service's configuration (docs/configuration.md): the shared server variables only in
// this slice (membership's URL and the service's own client come with reading the tree from membership).
import { auditAnchorConfigShape, baseServiceConfigSchema, loadConfig, port } from "@orgboard/server-kit";

export const restructuringConfigSchema = baseServiceConfigSchema.extend({
  PORT: port().default(4008),
  OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("restructuring"),
  ...auditAnchorConfigShape,
});
export type RestructuringConfig = ReturnType<typeof restructuringConfigSchema.parse>;

export function loadRestructuringConfig(env: Record<string, string | undefined> = process.env): RestructuringConfig {
  return loadConfig(restructuringConfigSchema, env, { app: "restructuring", renamed: {} });
}
