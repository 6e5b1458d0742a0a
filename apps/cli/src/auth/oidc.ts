// The official's side of OAuth for the command line, as the public client `orgboard-cli`:
// the Device Authorization Grant (RFC 8628) for `orgboard login`, refresh when the access token has
// expired, revocation for `orgboard logout`. The same requests work against apps/identity's built-in
// provider and a real Keycloak (same paths, same client in infra/keycloak/orgboard-realm.json).
import { DEFAULT_PORTS } from "../start/config.js";
import type { StoredLogin } from "./credentials.js";

export const CLI_CLIENT_ID = "orgboard-cli";

/** The issuer a user means: a realm URL as is, a provider's base URL + /realms/orgboard. */
export function normalizeIssuer(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, "");
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new AuthError(`--issuer: "${url}" không phải là URL / is not a URL`, "input");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new AuthError(`--issuer: "${url}" phải là http(s) / must be http(s)`, "input");
  return /\/realms\/[^/]+$/.test(parsed.pathname) ? trimmed : `${trimmed}/realms/orgboard`;
}

/** The local `npm start` issuer (apps/identity on ORGBOARD_IDENTITY_PORT, default 8190). */
export function defaultIssuer(env: NodeJS.ProcessEnv = process.env): string {
  return `http://127.0.0.1:${env.ORGBOARD_IDENTITY_PORT || DEFAULT_PORTS.identity}/realms/orgboard`;
}

/**
 * Why the CLI cannot act for the official: "login" → not logged in / session over (exit 3, run
 * `orgboard login`); "input" → a bad argument (exit 2); "failed" → the provider refused or is down (exit 1).
 */
export class AuthError extends Error {
  override name = "AuthError";
  constructor(
    message: string,
    readonly kind: "login" | "input" | "failed",
  ) {
    super(message);
  }
}

export interface Endpoints {
  issuer: string;
  token: string;
  deviceAuthorization: string;
  revocation?: string;
  userinfo?: string;
}

/** A string or number field of a JSON answer as text; anything else → `fallback`. */
export const text = (v: unknown, fallback = ""): string => (typeof v === "string" || typeof v === "number" ? String(v) : fallback);

async function post(url: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new AuthError(`không kết nối được nhà cung cấp định danh / cannot reach the identity provider at ${url}: ${(e as Error).message}`, "failed");
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { error: `HTTP ${res.status}` };
  }
  return { status: res.status, body };
}

export async function discover(issuer: string): Promise<Endpoints> {
  const url = `${issuer}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new AuthError(`không kết nối được nhà cung cấp định danh / cannot reach the identity provider at ${issuer} (${(e as Error).message}); đang chạy chưa? dùng --issuer / is it running? use --issuer`, "failed");
  }
  if (!res.ok) throw new AuthError(`${url}: HTTP ${res.status}; ${issuer} không phải một realm / is not a realm issuer`, "failed");
  const d = (await res.json()) as Record<string, string | undefined>;
  if (!d.device_authorization_endpoint) {
    throw new AuthError(`${issuer} không hỗ trợ đăng nhập bằng mã thiết bị / does not offer the device authorization grant (client ${CLI_CLIENT_ID})`, "failed");
  }
  return { issuer: d.issuer ?? issuer, token: d.token_endpoint!, deviceAuthorization: d.device_authorization_endpoint, revocation: d.revocation_endpoint, userinfo: d.userinfo_endpoint };
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** seconds */
  expiresIn: number;
  /** seconds */
  interval: number;
}

export async function startDeviceAuthorization(endpoints: Endpoints): Promise<DeviceAuthorization> {
  const { status, body } = await post(endpoints.deviceAuthorization, { client_id: CLI_CLIENT_ID, scope: "openid" });
  if (status !== 200 || typeof body.device_code !== "string" || typeof body.user_code !== "string") {
    throw new AuthError(`nhà cung cấp định danh từ chối / the identity provider refused the device login: ${text(body.error, String(status))} ${text(body.error_description)}`.trim(), "failed");
  }
  return {
    deviceCode: body.device_code,
    userCode: body.user_code,
    verificationUri: String(body.verification_uri),
    ...(typeof body.verification_uri_complete === "string" ? { verificationUriComplete: body.verification_uri_complete } : {}),
    expiresIn: typeof body.expires_in === "number" ? body.expires_in : 600,
    interval: typeof body.interval === "number" ? body.interval : 5,
  };
}

/** Claims of a JWT access token, without checking it (the services check it; this only names the official). */
export function jwtClaims(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function toLogin(endpoints: Endpoints, body: Record<string, unknown>): StoredLogin {
  const now = Date.now();
  const accessToken = String(body.access_token);
  const claims = jwtClaims(accessToken);
  return {
    clientId: CLI_CLIENT_ID,
    tokenEndpoint: endpoints.token,
    ...(endpoints.revocation ? { revocationEndpoint: endpoints.revocation } : {}),
    accessToken,
    expiresAt: now + (typeof body.expires_in === "number" ? body.expires_in : 60) * 1000,
    ...(typeof body.refresh_token === "string" ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.refresh_expires_in === "number" && body.refresh_expires_in > 0 ? { refreshExpiresAt: now + body.refresh_expires_in * 1000 } : {}),
    ...(typeof claims.preferred_username === "string" ? { username: claims.preferred_username } : {}),
    ...(typeof claims.name === "string" ? { name: claims.name } : {}),
    ...(typeof claims.sub === "string" ? { subject: claims.sub } : {}),
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(signal.reason as Error);
    }, { once: true });
  });

/** Polls the token endpoint (RFC 8628 §3.4–3.5) until the official approves, denies, or the code expires. */
export async function pollDeviceToken(endpoints: Endpoints, auth: DeviceAuthorization, opts: { signal?: AbortSignal } = {}): Promise<StoredLogin> {
  let interval = Math.max(1, auth.interval);
  const deadline = Date.now() + auth.expiresIn * 1000;
  for (;;) {
    await sleep(interval * 1000, opts.signal);
    const { status, body } = await post(endpoints.token, {
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: auth.deviceCode,
      client_id: CLI_CLIENT_ID,
    });
    if (status === 200 && typeof body.access_token === "string") return toLogin(endpoints, body);
    const error = text(body.error, `HTTP ${status}`);
    if (error === "authorization_pending") {
      if (Date.now() > deadline + 5000) throw new AuthError("mã đăng nhập đã hết hạn / the login code expired: chạy lại / run `orgboard login`", "login");
      continue;
    }
    if (error === "slow_down") {
      interval += 5;
      continue;
    }
    if (error === "expired_token") throw new AuthError("mã đăng nhập đã hết hạn trước khi được xác nhận / the login code expired before it was approved: chạy lại / run `orgboard login`", "login");
    if (error === "access_denied") throw new AuthError("đăng nhập bị từ chối trên trình duyệt / the login was denied in the browser", "login");
    throw new AuthError(`đăng nhập thất bại / login failed: ${error} ${text(body.error_description)}`.trim(), "failed");
  }
}

/** A fresh access token from the refresh token; AuthError("login") when the session is over. */
export async function refresh(login: StoredLogin): Promise<StoredLogin> {
  if (!login.refreshToken) throw new AuthError("phiên đăng nhập đã hết hạn / the session has expired", "login");
  const { status, body } = await post(login.tokenEndpoint, { grant_type: "refresh_token", refresh_token: login.refreshToken, client_id: login.clientId });
  if (status === 200 && typeof body.access_token === "string") {
    const next = toLogin({ issuer: "", token: login.tokenEndpoint, deviceAuthorization: "", ...(login.revocationEndpoint ? { revocation: login.revocationEndpoint } : {}) }, body);
    return { ...next, refreshToken: next.refreshToken ?? login.refreshToken };
  }
  if (status === 400 || status === 401) throw new AuthError(`phiên đăng nhập đã hết hạn / the session has expired (${text(body.error, String(status))})`, "login");
  throw new AuthError(`không làm mới được phiên / cannot refresh the session: HTTP ${status} ${text(body.error)}`.trim(), "failed");
}

/**
 * Revokes the refresh token, which ends the session at the provider (RFC 7009); true when the provider
 * confirmed it. The access token is revoked too where the provider can (Keycloak can; oidc-provider's JWT
 * access tokens cannot be, they expire within the realm's access token lifespan).
 */
export async function revoke(login: StoredLogin): Promise<boolean> {
  if (!login.revocationEndpoint) return false;
  const form = (token: string, hint: string) => ({ token, token_type_hint: hint, client_id: login.clientId });
  const confirmed = login.refreshToken ? (await post(login.revocationEndpoint, form(login.refreshToken, "refresh_token"))).status === 200 : false;
  await post(login.revocationEndpoint, form(login.accessToken, "access_token")).catch(() => undefined);
  return confirmed;
}
