import { z } from "zod";

/**
 * The runtime configuration, fetched from `/config.json` next to the built app, so that one build runs
 * against the built-in identity provider (embedded default) and against a real Keycloak (production):
 * only the mounted file changes.
 */
export const runtimeConfigSchema = z.object({
  identity: z.object({
    /** Base URL of the OpenID provider; keycloak-js appends `/realms/<realm>/protocol/openid-connect/...`. */
    url: z.url(),
    realm: z.string().min(1).default("orgboard"),
    clientId: z.string().min(1).default("dashboard"),
    /** Identity provider alias to offer as "log in with national identity" (Keycloak `kc_idp_hint`). */
    nationalIdpHint: z.string().min(1).optional(),
  }),
  /**
   * Base URL of each service, keyed by the router's root key (`membership`, `conference`, `inspection`, ...).
   * A service left out (inspection is optional: `orgboard start` writes it once the service runs) is not
   * called; its panels say it is unavailable.
   */
  services: z.record(z.string().regex(/^[a-z][a-z0-9]*$/, "service key must be a lowercase router key"), z.url()),
  /** socket.io gateway (apps/realtime). */
  realtimeUrl: z.url(),
  /** Language shown before the official picks one. */
  defaultLanguage: z.enum(["vi", "en"]).default("vi"),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** Parse a config document; the error names each bad field so a wrong mount is obvious on screen. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(raw);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`config.json is invalid — ${fields.join("; ")}`);
  }
  return result.data;
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  // no-store: the file is swapped per environment without rebuilding, so never trust a cached copy.
  const res = await fetchImpl("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json could not be loaded (HTTP ${res.status})`);
  return parseRuntimeConfig(await res.json());
}
