import type { TestIssuer } from "@orgboard/auth/testing";
import { createLogger } from "@orgboard/server-kit";
import { loadRealtimeConfig } from "../../src/config.js";
import { createRealtimeServer, type RealtimeServer } from "../../src/server.js";

/** The realtime service token, as the identity provider would issue it by client credentials. */
export function serviceTokenSource(issuer: TestIssuer, audiences: string[]) {
  return () => issuer.mintService("realtime", { audience: ["realtime", ...audiences] });
}

export function realtimeEnv(issuer: TestIssuer, more: Record<string, string>): Record<string, string> {
  return {
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    OIDC_ISSUER: issuer.issuer,
    OIDC_JWKS_URL: issuer.jwksUrl,
    OIDC_CLIENT_SECRET: "test-secret",
    ...more,
  };
}

/** An in-process realtime server over real HTTP/WebSocket, built from env like main.ts. */
export function inProcessRealtime(issuer: TestIssuer, env: Record<string, string>, audiences: string[]): RealtimeServer {
  const config = loadRealtimeConfig(realtimeEnv(issuer, env), "throw");
  return createRealtimeServer(config, {
    getServiceToken: serviceTokenSource(issuer, audiences),
    logger: createLogger({ name: "realtime", level: "silent" }),
  });
}
