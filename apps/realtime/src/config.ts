// Realtime's configuration (docs/configuration.md): the shared server variables plus REALTIME_*; checked
// at start, every problem named at once.
import { join } from "node:path";
import { baseServiceConfigSchema, bilingual, loadConfig, nonEmpty, httpUrl, wholeNumber } from "@orgboard/server-kit";
import { z } from "zod";
import { STREAM_ACCESS } from "./access.js";
import type { SocketLimits } from "./gateway.js";

const serviceName = /^[a-z][a-z0-9]*$/;

/**
 * An official keeps a few tabs open (20 leaves room for a wall of screens); a provincial office shares one
 * address (1,000 sockets); a dashboard sends a handful of messages a minute (docs/security.md "Limits").
 */
export const DEFAULT_SOCKET_LIMITS = { perPrincipal: 20, perAddress: 1000, messagesPerMinute: 60 } as const;

/**
 * `membership=http://127.0.0.1:4001,conference=http://127.0.0.1:4005`: each service's base URL, the
 * same form as `<SERVICE>_URL`; realtime reads `<base>/trpc`, stream `<name>.events.stream`. Only
 * services with a stream-read rule in access.ts (from their contract packages) may be named.
 */
export const servicesList = z.string().transform((s, ctx) => {
  const out: { name: string; baseUrl: string; url: string }[] = [];
  for (const [i, part] of s.split(",").map((p) => p.trim()).filter(Boolean).entries()) {
    const eq = part.indexOf("=");
    const name = eq > 0 ? part.slice(0, eq).trim() : "";
    const raw = eq > 0 ? part.slice(eq + 1).trim() : "";
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (!serviceName.test(name) || !url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
      ctx.addIssue({
        code: "custom",
        message: bilingual(`mục ${i + 1} ("${part}") phải có dạng <dịch vụ>=<URL gốc http(s)>`, `entry ${i + 1} ("${part}") must be <service>=<http(s) base URL>`),
      });
      return z.NEVER;
    }
    const baseUrl = url.href.replace(/\/+$/, "");
    if (/\/trpc$/.test(baseUrl)) {
      ctx.addIssue({
        code: "custom",
        message: bilingual(
          `mục ${i + 1} ("${part}"): ghi URL gốc của dịch vụ, không có /trpc (realtime tự thêm)`,
          `entry ${i + 1} ("${part}"): give the service's base URL without /trpc (realtime appends it)`,
        ),
      });
      return z.NEVER;
    }
    if (out.some((o) => o.name === name)) {
      ctx.addIssue({ code: "custom", message: bilingual(`dịch vụ "${name}" bị liệt kê hai lần`, `service "${name}" is listed twice`) });
      return z.NEVER;
    }
    if (!Object.hasOwn(STREAM_ACCESS, name)) {
      // Its events would reach no socket: each service's stream-read rule comes from its contract (access.ts).
      ctx.addIssue({
        code: "custom",
        message: bilingual(
          `mục ${i + 1}: realtime không có quy tắc đọc luồng sự kiện của dịch vụ "${name}" (có: ${Object.keys(STREAM_ACCESS).join(", ")})`,
          `entry ${i + 1}: realtime has no stream-read rule for service "${name}" (known: ${Object.keys(STREAM_ACCESS).join(", ")})`,
        ),
      });
      return z.NEVER;
    }
    out.push({ name, baseUrl, url: `${baseUrl}/trpc` });
  }
  return out;
});

export const realtimeConfigSchema = baseServiceConfigSchema
  // No tRPC here: the body and request rate limits belong to createService (docs/security.md, "Limits");
  // the sockets have their own (REALTIME_MAX_SOCKETS_*, REALTIME_MESSAGES_PER_MINUTE), behind the same proxies.
  .omit({ BODY_LIMIT_BYTES: true, RATE_LIMIT_WINDOW_MS: true, RATE_LIMIT_PER_PRINCIPAL: true, RATE_LIMIT_PER_ADDRESS: true })
  .extend({
    OIDC_AUDIENCE: baseServiceConfigSchema.shape.OIDC_AUDIENCE.default("realtime"),
    /** Client credentials of realtime's own client, for the service token that reads the streams. */
    OIDC_CLIENT_ID: nonEmpty().default("realtime"),
    OIDC_CLIENT_SECRET: nonEmpty().optional(),
    /** Defaults to Keycloak's token endpoint under OIDC_ISSUER. */
    OIDC_TOKEN_URL: httpUrl().optional(),
    REALTIME_SERVICES: servicesList.default([]),
    REALTIME_MAX_DISCONNECTION_MS: wholeNumber(1000, 3_600_000).default(120_000),
    REALTIME_MAX_REPLAY_PACKETS: wholeNumber(100).default(200_000),
    /** Open sockets per principal, per address, and messages per socket and minute (0: no limit). */
    REALTIME_MAX_SOCKETS_PER_PRINCIPAL: wholeNumber(0).default(DEFAULT_SOCKET_LIMITS.perPrincipal),
    REALTIME_MAX_SOCKETS_PER_ADDRESS: wholeNumber(0).default(DEFAULT_SOCKET_LIMITS.perAddress),
    REALTIME_MESSAGES_PER_MINUTE: wholeNumber(0).default(DEFAULT_SOCKET_LIMITS.messagesPerMinute),
    /** With DATABASE_URL: the LISTEN/NOTIFY channel and advisory-lock namespace shared by the instances. */
    REALTIME_BUS_CHANNEL: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, { error: bilingual("phải là tên SQL chữ thường (a-z, 0-9, _)", "must be a lowercase SQL identifier") })
      .default("orgboard_realtime"),
    REALTIME_LEASE_NAMESPACE: nonEmpty().default("orgboard-realtime"),
    REALTIME_LEASE_RETRY_MS: wholeNumber(100).default(2000),
  })
  .superRefine((c, ctx) => {
    if (c.REALTIME_SERVICES.length > 0 && !c.OIDC_CLIENT_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_CLIENT_SECRET"],
        message: bilingual("bắt buộc khi REALTIME_SERVICES có dịch vụ (đăng nhập client-credentials)", "is required when REALTIME_SERVICES lists services (client-credentials login)"),
      });
    }
  });

export type RealtimeConfig = z.infer<typeof realtimeConfigSchema>;

export function socketLimitsFromConfig(c: RealtimeConfig): SocketLimits {
  return {
    perPrincipal: c.REALTIME_MAX_SOCKETS_PER_PRINCIPAL,
    perAddress: c.REALTIME_MAX_SOCKETS_PER_ADDRESS,
    messagesPerMinute: c.REALTIME_MESSAGES_PER_MINUTE,
    proxyHops: c.RATE_LIMIT_PROXY_HOPS,
  };
}

/** Names from before docs/configuration.md's convention: set, they stop the start naming the new one. */
export const realtimeRenamed = {
  REALTIME_CHECKPOINT_FILE: "DATA_DIR (<DATA_DIR>/checkpoints.json)",
  REALTIME_CLIENT_ID: "OIDC_CLIENT_ID",
  REALTIME_CLIENT_SECRET: "OIDC_CLIENT_SECRET",
} as const;

/** Without DATABASE_URL: where the last pushed id per service is kept. */
export function checkpointFile(config: Pick<RealtimeConfig, "DATA_DIR">): string {
  return join(config.DATA_DIR ?? ".data/realtime", "checkpoints.json");
}

export function loadRealtimeConfig(env: Record<string, string | undefined> = process.env, onError?: "exit" | "throw"): RealtimeConfig {
  return loadConfig(realtimeConfigSchema, env, { app: "realtime", renamed: realtimeRenamed, ...(onError ? { onError } : {}) });
}
