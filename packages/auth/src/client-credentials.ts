/**
 * A service token by the OAuth 2.0 client-credentials grant (Keycloak: a client's service
 * account), cached until shortly before it expires. Concurrent callers share one request.
 */
export interface ClientCredentialsOptions {
  /** `<issuer>/protocol/openid-connect/token` for Keycloak. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Refresh this long before `expires_in` runs out. */
  earlyRefreshSec?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type TokenSource = () => Promise<string>;

export function clientCredentials(opts: ClientCredentialsOptions): TokenSource {
  const f = opts.fetch ?? fetch;
  let cached: { token: string; refreshAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const res = await f(opts.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: opts.clientId, client_secret: opts.clientSecret }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    if (!res.ok) {
      // The body of an OAuth error is {error, error_description}: safe to show, it holds no secret.
      const detail = await res.text().catch(() => "");
      throw new Error(`client-credentials token request to ${opts.tokenUrl} failed: HTTP ${res.status} ${detail.slice(0, 200)}`);
    }
    const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string") throw new Error(`client-credentials token response from ${opts.tokenUrl} has no access_token`);
    const ttl = typeof body.expires_in === "number" ? body.expires_in : 60;
    cached = { token: body.access_token, refreshAt: Date.now() + Math.max(5, ttl - (opts.earlyRefreshSec ?? 30)) * 1000 };
    return body.access_token;
  }

  return () => {
    if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  };
}
