import { baseServiceConfigSchema, loadConfig } from "@orgboard/server-kit";
import { z } from "zod";

const serviceName = /^[a-z][a-z0-9]*$/;

/**
 * `membership=http://127.0.0.1:4001/trpc,conference=http://127.0.0.1:4005/trpc`: each service's tRPC
 * endpoint; its stream is `<name>.events.stream`. Adding inspection/personnel/restructuring later is one
 * more entry.
 */
export const servicesList = z.string().transform((s, ctx) => {
  const out: { name: string; url: string }[] = [];
  for (const [i, part] of s.split(",").map((p) => p.trim()).filter(Boolean).entries()) {
    const eq = part.indexOf("=");
    const name = eq > 0 ? part.slice(0, eq).trim() : "";
    const url = eq > 0 ? part.slice(eq + 1).trim() : "";
    if (!serviceName.test(name) || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      ctx.addIssue({ code: "custom", message: `entry ${i + 1} ("${part}") must be <service>=<http(s) tRPC URL>` });
      return z.NEVER;
    }
    if (out.some((o) => o.name === name)) {
      ctx.addIssue({ code: "custom", message: `service "${name}" is listed twice` });
      return z.NEVER;
    }
    out.push({ name, url });
  }
  return out;
});

export const realtimeConfigSchema = baseServiceConfigSchema
  .extend({
    OIDC_AUDIENCE: z.string().min(1).default("realtime"),
    REALTIME_SERVICES: servicesList.default([]),
    /** Client credentials of the `realtime` client, for the service token that reads the streams. */
    REALTIME_CLIENT_ID: z.string().min(1).default("realtime"),
    REALTIME_CLIENT_SECRET: z.string().min(1).optional(),
    /** Defaults to Keycloak's token endpoint under OIDC_ISSUER. */
    OIDC_TOKEN_URL: z.url().optional(),
    /** Embedded default (no DATABASE_URL): where the last pushed id per service is kept. */
    REALTIME_CHECKPOINT_FILE: z.string().min(1).default(".data/realtime/checkpoints.json"),
    REALTIME_MAX_DISCONNECTION_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
    REALTIME_MAX_REPLAY_PACKETS: z.coerce.number().int().min(100).default(200_000),
    /** With DATABASE_URL: the LISTEN/NOTIFY channel and advisory-lock namespace shared by the instances. */
    REALTIME_BUS_CHANNEL: z.string().regex(/^[a-z_][a-z0-9_]*$/, "must be a lowercase SQL identifier").default("orgboard_realtime"),
    REALTIME_LEASE_NAMESPACE: z.string().min(1).default("orgboard-realtime"),
    REALTIME_LEASE_RETRY_MS: z.coerce.number().int().min(100).default(2000),
  })
  .superRefine((c, ctx) => {
    if (c.REALTIME_SERVICES.length > 0 && !c.REALTIME_CLIENT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["REALTIME_CLIENT_SECRET"], message: "is required when REALTIME_SERVICES lists services (client-credentials token)" });
    }
  });

export type RealtimeConfig = z.infer<typeof realtimeConfigSchema>;

export function loadRealtimeConfig(env: Record<string, string | undefined> = process.env, onError?: "exit" | "throw"): RealtimeConfig {
  return loadConfig(realtimeConfigSchema, env, onError ? { onError } : {});
}
