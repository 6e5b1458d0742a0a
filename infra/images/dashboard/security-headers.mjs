// Security headers of the dashboard, the same wherever it is served: by serve.mjs in the image and by
// `vite preview` under `orgboard start` (apps/dashboard/vite.config.ts). No dependencies: the image copies
// this file next to serve.mjs. docs/dashboard.md ("Security headers") explains each one.

/** The origin of an http(s) URL, or undefined. */
function originOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the app may connect, read from its runtime configuration (/config.json): the identity provider
 * (keycloak-js' token and discovery calls), each service (tRPC) and the realtime gateway (socket.io's
 * polling over http(s), then its websocket over ws(s)). A config that cannot be read allows only 'self'.
 */
export function connectSources(configText) {
  let config;
  try {
    config = JSON.parse(configText ?? "");
  } catch {
    return [];
  }
  const urls = [config?.identity?.url, ...Object.values(config?.services ?? {}), config?.realtimeUrl];
  const origins = new Set();
  for (const url of urls) {
    const origin = typeof url === "string" ? originOf(url) : undefined;
    if (!origin) continue;
    origins.add(origin);
    if (url === config.realtimeUrl) origins.add(origin.replace(/^http/, "ws"));
  }
  return [...origins];
}

/**
 * The headers of every answer. Scripts only from the app's own files (Vite emits no inline script);
 * styles also inline, because Mantine writes its CSS variables in a <style> element and components set
 * style attributes (a nonce cannot cover attributes). Never framed (clickjacking); no MIME sniffing; the
 * full URL (which may carry a member's id) never leaves in a Referer.
 */
export function securityHeaders(configText) {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources(configText)].join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
}

/** Source maps are never served (the build makes none; one copied in by hand stays private too). */
export const isSourceMap = (pathname) => /\.map$/i.test(pathname);
