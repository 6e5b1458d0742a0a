// The built-in Keycloak-compatible provider for the embedded default: oidc-provider configured with
// Keycloak's paths, clients, claims and lifetimes taken from the realm file, and shaped at the edges where
// keycloak-js or the services depend on Keycloak's particular forms (JWT access and refresh tokens,
// realm_access/org_paths claims, wildcard redirect URIs, userinfo for any realm access token).
import { randomBytes } from "node:crypto";
import { IncomingMessage, type ServerResponse } from "node:http";
import { SignJWT, createLocalJWKSet, jwtVerify, type JWK } from "jose";
import Provider, { type AdapterFactory, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { bilingual } from "@orgboard/server-kit";
import { BruteForceDetector } from "../brute-force.js";
import { readBody } from "../http.js";
import { esc, page } from "../pages.js";
import type { Realm, RealmClient, RealmUser } from "../realm.js";
import { LOA_VALUES } from "../vneid/citizens.js";
import { mountProvider, renderErrorPage, renderLogout, type Mounted } from "../mount.js";
import { createBroker } from "./broker.js";
import { UNIT_CENSUS_PATH, UNIT_MOVES_PATH, UNIT_RESTORES_PATH, emptyUnitMoveState, type UnitMoveState } from "@orgboard/identity-moves";
import { createUnitMovesEndpoint } from "./unit-moves-endpoint.js";

const OIDC = "/protocol/openid-connect";
// Access tokens are JWTs only when bound to a resource server (oidc-provider's rule); every realm token is
// bound to this one, and its `aud` is then rewritten to the services the client's tokens are for, as
// Keycloak's audience mappers in the client's default client scopes do (docs/security.md "Audiences").
const RESOURCE = "urn:orgboard:services";

export interface RealmOptions {
  /** Public base URL (no trailing slash); the issuer is `${baseUrl}/realms/${realm.name}`. */
  baseUrl: string;
  realm: Realm;
  cookieKeys: string[];
  signingKey: JWK & { kid: string };
  publicKey: JWK;
  /** Extra redirect URIs for the dashboard client (besides the realm file's). */
  extraRedirectUris: string[];
  /** HS256 key of the refresh-token wrapper; kept with the signing keys so refresh tokens outlive a restart. */
  refreshKey: Uint8Array;
  /** oidc-provider's storage; default its in-memory adapter (nothing outlives a restart). */
  adapter?: AdapterFactory;
  /** Users' unit attributes moved by restructuring (already laid over realm.users), and where to keep them. */
  unitMoves?: { state: UnitMoveState; file?: string };
}

/** Keycloak's redirect URI rule: exact, or a prefix when the registered URI ends in `*`. */
export function uriAllowed(registered: string[], candidate: string): boolean {
  if (candidate.includes("#")) return false;
  return registered.some((r) => (r.endsWith("*") ? candidate.startsWith(r.slice(0, -1)) : candidate === r));
}

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

function toMetadata(c: RealmClient, extraRedirectUris: string[]): ClientMetadata {
  if (c.deviceGrant && !c.standardFlow) {
    // A command line (orgboard-cli): RFC 8628 only, no redirect URIs; the official approves in a browser.
    return {
      client_id: c.clientId,
      client_name: c.name,
      token_endpoint_auth_method: "none",
      grant_types: [DEVICE_CODE_GRANT, "refresh_token"],
      response_types: [],
      redirect_uris: [],
      default_acr_values: [...LOA_VALUES],
    };
  }
  if (c.serviceAccount && !c.standardFlow) {
    return {
      client_id: c.clientId,
      client_secret: c.secret,
      client_name: c.name,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_post",
    };
  }
  return {
    client_id: c.clientId,
    client_name: c.name,
    ...(c.publicClient ? { token_endpoint_auth_method: "none" } : { client_secret: c.secret, token_endpoint_auth_method: "client_secret_post" }),
    grant_types: ["authorization_code", "refresh_token", ...(c.serviceAccount ? ["client_credentials"] : []), ...(c.deviceGrant ? [DEVICE_CODE_GRANT] : [])],
    response_types: ["code"],
    // The level VNeID asserted is always in the ID token, as the realm's acr mapper puts it there in Keycloak.
    default_acr_values: [...LOA_VALUES],
    redirect_uris: [...c.redirectUris, ...extraRedirectUris],
    post_logout_redirect_uris: [...c.postLogoutRedirectUris, ...extraRedirectUris],
  };
}

export function createRealmProvider(opts: RealmOptions): Mounted & { issuer: string } {
  const { realm } = opts;
  const prefix = `/realms/${realm.name}`;
  const issuer = `${opts.baseUrl}${prefix}`;
  const loginPath = `${prefix}/login-actions/`;
  const users = new Map(realm.users.map((u) => [u.id, u]));
  const serviceAccounts = new Map(realm.users.filter((u) => u.serviceAccountClientId).map((u) => [u.serviceAccountClientId!, u]));
  const { refreshKey } = opts;
  const jwks = createLocalJWKSet({ keys: [opts.publicKey] });
  const now = () => Math.floor(Date.now() / 1000);

  const rolesFor = (user: RealmUser, clientId: string) => {
    const scope = realm.clients.get(clientId)?.roleScope;
    return user.roles.filter((r) => realm.roles.includes(r) && (!scope || scope.has(r)));
  };
  const profileClaims = (u: RealmUser) => ({
    name: u.name,
    preferred_username: u.username,
    given_name: u.givenName,
    family_name: u.familyName,
    org_paths: u.orgPaths,
  });

  const config: Configuration = {
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
    clients: [...realm.clients.values()].map((c) => toMetadata(c, c.clientId === "dashboard" ? opts.extraRedirectUris : [])),
    jwks: { keys: [opts.signingKey] },
    cookies: {
      keys: opts.cookieKeys,
      names: { session: "orgboard_session", interaction: "orgboard_interaction", resume: "orgboard_resume" },
    },
    routes: {
      authorization: `${OIDC}/auth`,
      token: `${OIDC}/token`,
      jwks: `${OIDC}/certs`,
      userinfo: `${OIDC}/userinfo`,
      end_session: `${OIDC}/logout`,
      revocation: `${OIDC}/revoke`,
      introspection: `${OIDC}/token/introspect`,
      // Keycloak's paths for RFC 8628: the CLI asks at .../auth/device, the official enters the code at /device.
      device_authorization: `${OIDC}/auth/device`,
      code_verification: "/device",
    },
    scopes: ["openid", "profile", "orgboard"],
    acrValues: [...LOA_VALUES],
    // Keycloak's default client scopes put these claims in every ID token, whatever `scope` asked for.
    claims: { openid: ["sub", "name", "preferred_username", "given_name", "family_name", "org_paths"] },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      claimsParameter: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true, allowedPolicy: (_ctx, client) => client.clientAuthMethod !== "none" },
      userinfo: { enabled: true },
      // `orgboard login`: the code page leads into the same login (VNeID) as the browser's.
      deviceFlow: {
        enabled: true,
        charset: "base-20",
        mask: "****-****",
        userCodeInputSource(ctx, form, _out, err) {
          const message = !err
            ? "<p>Nhập mã hiển thị trên dòng lệnh (<code>orgboard login</code>).<br><small>Enter the code shown by the command line.</small></p>"
            : `<p class="error">${
                err.name === "AbortedError"
                  ? "Đã hủy đăng nhập. / Sign-in cancelled."
                  : err.name === "ExpiredError"
                    ? "Mã đã hết hạn: chạy lại <code>orgboard login</code>. / The code has expired: run orgboard login again."
                    : err.name === "AlreadyUsedError"
                      ? "Mã đã được dùng. / The code was already used."
                      : "Mã không đúng, vui lòng nhập lại. / The code is not right, try again."
              }</p>`;
          ctx.type = "html";
          ctx.body = page(
            "Đăng nhập dòng lệnh orgboard",
            `${message}${form.replace('placeholder="Enter code"', 'placeholder="Mã / code" aria-label="Mã / code"')}<button type="submit" form="op.deviceInputForm">Tiếp tục / Continue</button>`,
          );
        },
        userCodeConfirmSource(ctx, form, client, _deviceInfo, userCode) {
          ctx.type = "html";
          ctx.body = page(
            "Xác nhận đăng nhập dòng lệnh",
            `<p><strong>${esc(client.clientName ?? client.clientId)}</strong> xin đăng nhập bằng tài khoản của bạn. Mã trên dòng lệnh phải là:</p>
<p style="font-size:2rem;text-align:center"><code id="user-code">${esc(userCode)}</code></p>
<p><small>A command line asks to sign in as you; its code must be the one above. Nếu bạn không chạy lệnh này hoặc mã không khớp, hãy bấm Hủy. / If you did not start it or the code differs, cancel.</small></p>
${form}<button type="submit" form="op.deviceConfirmForm">Tiếp tục với VNeID / Continue with VNeID</button>
<button type="submit" form="op.deviceConfirmForm" class="secondary" name="abort" value="yes">Hủy / Cancel</button>`,
          );
        },
        successSource(ctx) {
          ctx.type = "html";
          ctx.body = page("Đã đăng nhập", "<p>Đăng nhập thành công: quay lại dòng lệnh, có thể đóng trang này.</p><p><small>Signed in: go back to the command line; you can close this page.</small></p>");
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== RESOURCE) throw new Error(`unknown resource ${resource}`);
          return { scope: "orgboard", accessTokenFormat: "jwt", accessTokenTTL: realm.lifetimes.accessToken, jwt: { sign: { alg: "RS256" } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          // Keycloak logs out at once given a valid id_token_hint and asks otherwise; so does this page.
          renderLogout(ctx, form, "Đăng xuất");
        },
        postLogoutSuccessSource(ctx) {
          ctx.type = "html";
          ctx.body = page("Đã đăng xuất", "<p>Bạn đã đăng xuất khỏi hệ thống.</p>");
        },
      },
    },
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" || realm.clients.get(client.clientId)?.pkceS256 === true },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: () => realm.rotateRefreshTokens,
    findAccount(_ctx, id) {
      const u = users.get(id);
      if (!u) return undefined;
      return { accountId: u.id, claims: () => ({ sub: u.id, ...profileClaims(u) }) };
    },
    async loadExistingGrant(ctx) {
      // Officials do not consent to their own organization's apps: grant what was asked for, as Keycloak
      // does for clients without "consent required".
      const { oidc } = ctx;
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
      grant.addOIDCClaims([...oidc.requestParamClaims]);
      grant.addResourceScope(RESOURCE, "orgboard");
      await grant.save();
      return grant;
    },
    formats: {
      customizers: {
        // Keycloak's access token shape (docs/decisions/0001-platform-interfaces.md).
        jwt(ctx, token, jwt) {
          const clientId = token.clientId!;
          const isService = token.kind === "ClientCredentials";
          const user = isService ? serviceAccounts.get(clientId) : users.get((token as { accountId?: string }).accountId ?? "");
          if (!user) throw new Error(`no user for token of ${clientId}`);
          const p = jwt.payload;
          const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.DeviceCode ?? ctx.oidc.entities.RefreshToken;
          jwt.header = { typ: "JWT" };
          Object.assign(p, {
            aud: realm.clients.get(clientId)?.audiences ?? [],
            sub: user.id,
            typ: "Bearer",
            azp: clientId,
            // Keycloak's sid is the user session; oidc-provider keeps its per-client sid only for front/back-channel
            // logout clients, so the session's uid stands in.
            sid: isService ? undefined : (source?.sid ?? source?.sessionUid),
            acr: isService ? undefined : source?.acr,
            scope: isService ? "orgboard" : "openid orgboard",
            realm_access: { roles: rolesFor(user, clientId) },
            ...profileClaims(user),
          });
          delete p.client_id;
        },
      },
    },
    // One URL per login (its interaction cookie is scoped to it), as Keycloak keys each login by its tab:
    // two tabs logging in at once in one browser do not overwrite each other's interaction.
    interactions: { url: (_ctx, interaction) => `${loginPath}${interaction.uid}` },
    ttl: {
      AccessToken: realm.lifetimes.accessToken,
      ClientCredentials: realm.lifetimes.accessToken,
      IdToken: realm.lifetimes.accessToken,
      AuthorizationCode: realm.lifetimes.code,
      DeviceCode: (_ctx, _code, client) => realm.clients.get(client.clientId)?.deviceCodeLifespan ?? 600,
      Interaction: realm.lifetimes.login,
      Session: realm.lifetimes.ssoMax,
      Grant: realm.lifetimes.ssoMax,
      // Idle timeout per refresh, never past the session's maximum (Keycloak's SSO idle / SSO max).
      RefreshToken: (_ctx, token) => {
        const started = token.iiat ?? token.iat ?? now();
        return Math.max(1, Math.min(realm.lifetimes.ssoIdle, started + realm.lifetimes.ssoMax - now()));
      },
    },
    clientBasedCORS: (_ctx, origin, client) => realm.clients.get(client.clientId)?.webOrigins.includes(origin) ?? false,
    renderError: (ctx, out) => renderErrorPage(ctx, out),
  };

  const provider = new Provider(issuer, config);
  // Keycloak accepts `http://host/*`; oidc-provider compares exactly unless told otherwise.
  const clientProto = provider.Client.prototype as unknown as {
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    redirectUriAllowed(uri: string): boolean;
    postLogoutRedirectUriAllowed(uri: string): boolean;
  };
  clientProto.redirectUriAllowed = function (uri) {
    return uriAllowed(this.redirectUris, uri);
  };
  clientProto.postLogoutRedirectUriAllowed = function (uri) {
    return uriAllowed(this.postLogoutRedirectUris ?? [], uri);
  };

  // keycloak-js decodes the refresh token as a JWT, so opaque refresh tokens are wrapped in one (HS256,
  // like Keycloak's own refresh tokens) on the way out and unwrapped on the way in.
  const wrapRefresh = async (value: string) => {
    const rt = await provider.RefreshToken.find(value);
    if (!rt) return value;
    return new SignJWT({ typ: "Refresh", azp: rt.clientId, sid: rt.sid ?? rt.sessionUid, scope: rt.scope, rt: value })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(issuer)
      .setSubject(rt.accountId ?? "")
      .setIssuedAt(rt.iat)
      .setExpirationTime(rt.exp ?? now() + realm.lifetimes.ssoIdle)
      .setJti(randomBytes(12).toString("base64url"))
      .sign(refreshKey);
  };
  /** The opaque token inside our wrapper, or undefined when `value` is not one. */
  const unwrapRefresh = async (value: string): Promise<string | undefined> => {
    try {
      const { payload } = await jwtVerify(value, refreshKey, { issuer, audience: issuer, algorithms: ["HS256"] });
      return typeof payload["rt"] === "string" ? payload["rt"] : undefined;
    } catch {
      return undefined;
    }
  };
  const tokenLike = new Set([`${OIDC}/token`, `${OIDC}/revoke`, `${OIDC}/token/introspect`, `${OIDC}/logout`]);
  // Endpoints that authenticate a client by its secret: wrong secrets count per client id (the realm's
  // brute-force settings, as Keycloak counts wrong passwords per user). While locked out, every attempt,
  // with the right secret too, is refused unchecked.
  const clientAuthenticating = new Set([`${OIDC}/token`, `${OIDC}/revoke`, `${OIDC}/token/introspect`, `${OIDC}/auth/device`]);
  const clientLockouts = new BruteForceDetector(realm.bruteForce);

  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    if (ctx.method === "POST" && (tokenLike.has(ctx.path) || clientAuthenticating.has(ctx.path)) && ctx.is("application/x-www-form-urlencoded")) {
      const form = new URLSearchParams(await readBody(ctx.req));
      const refresh = form.get("refresh_token");
      // Anything but our wrapper becomes a value oidc-provider rejects with invalid_grant, like any unknown token.
      if (refresh) form.set("refresh_token", (await unwrapRefresh(refresh)) ?? "invalid");
      // At /revoke and /token/introspect, `token` may be a wrapped refresh token or an access token (left as is).
      const token = form.get("token");
      const inner = token && (await unwrapRefresh(token));
      if (inner) form.set("token", inner);
      // Keycloak takes client secrets in the body or as HTTP Basic; the clients here are registered for the body.
      const basic = ctx.get("authorization");
      if (basic.startsWith("Basic ") && !form.has("client_secret")) {
        const [id, secret] = Buffer.from(basic.slice(6), "base64").toString("utf8").split(":", 2).map((s) => decodeURIComponent(s.replace(/\+/g, " ")));
        if (id && secret !== undefined) {
          form.set("client_id", id);
          form.set("client_secret", secret);
          delete ctx.req.headers.authorization;
        }
      }
      replaceBody(ctx, form.toString());
      const clientId = form.get("client_id");
      if (clientId && clientAuthenticating.has(ctx.path)) {
        const locked = clientLockouts.lockedForSeconds(clientId);
        if (locked > 0) {
          ctx.status = 429;
          ctx.set("retry-after", String(locked));
          ctx.set("cache-control", "no-store");
          ctx.body = {
            error: "temporarily_unavailable",
            error_description: bilingual(
              "Client tạm thời bị khóa vì xác thực sai nhiều lần; hãy thử lại sau",
              "client temporarily locked after repeated failed authentications; try again later",
            ),
          };
          return;
        }
        await next();
        const answer = ctx.body as { error?: unknown } | undefined;
        if (ctx.status === 401 && answer?.error === "invalid_client") clientLockouts.failure(clientId);
        else if (ctx.status < 400) clientLockouts.success(clientId);
        await afterToken(ctx);
        return;
      }
    }
    await next();
    await afterToken(ctx);
  });

  async function afterToken(ctx: KoaContextWithOIDC): Promise<void> {
    // keycloak-js fetches with `credentials: "include"`, which browsers allow only with this header (Keycloak sends it).
    if (ctx.response.get("access-control-allow-origin")) ctx.set("access-control-allow-credentials", "true");
    if (ctx.path === `${OIDC}/token` && ctx.status === 200 && ctx.body && typeof ctx.body === "object") {
      const body = ctx.body as { refresh_token?: string; refresh_expires_in?: number; "not-before-policy"?: number; session_state?: string };
      if (body.refresh_token) {
        const rt = await provider.RefreshToken.find(body.refresh_token);
        body.refresh_expires_in = rt?.exp ? rt.exp - now() : 0;
        body.refresh_token = await wrapRefresh(body.refresh_token);
      }
      body["not-before-policy"] = 0;
    }
  }

  const dispatch = mountProvider(provider, prefix);
  const broker = createBroker({ provider, realm, issuer, loginPath, authorizationEndpoint: `${issuer}${OIDC}/auth` });

  const corsHeaders = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    if (!origin) return {};
    const allowed = [...realm.clients.values()].some((c) => c.webOrigins.includes(origin));
    return allowed
      ? { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", "access-control-allow-headers": "authorization, content-type", vary: "Origin" }
      : {};
  };

  async function userinfo(req: IncomingMessage, res: ServerResponse) {
    // oidc-provider's userinfo refuses resource-bound (JWT) access tokens; Keycloak's accepts any realm token.
    const cors = corsHeaders(req);
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors, "access-control-allow-methods": "GET, POST" });
      res.end();
      return;
    }
    const auth = req.headers.authorization ?? "";
    const fail = (description: string) => {
      res.writeHead(401, { ...cors, "content-type": "application/json", "www-authenticate": `Bearer realm="${realm.name}", error="invalid_token", error_description="${description}"` });
      res.end(JSON.stringify({ error: "invalid_token", error_description: description }));
    };
    if (!auth.startsWith("Bearer ")) return fail("Missing bearer token");
    try {
      const { payload } = await jwtVerify(auth.slice(7), jwks, { issuer });
      const user = users.get(String(payload.sub));
      if (!user || payload["typ"] !== "Bearer") return fail("Token is not an active user access token");
      res.writeHead(200, { ...cors, "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ sub: user.id, ...profileClaims(user) }));
    } catch (e) {
      fail(e instanceof Error ? e.message : "Invalid token");
    }
  }

  const unitMoves = createUnitMovesEndpoint({ issuer, jwks, users: realm.users, state: opts.unitMoves?.state ?? emptyUnitMoveState(), file: opts.unitMoves?.file });

  return {
    prefix,
    issuer,
    async handle(req, res, pathname) {
      if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return false;
      const sub = pathname.slice(prefix.length);
      if (sub === UNIT_MOVES_PATH || sub === UNIT_RESTORES_PATH || sub === UNIT_CENSUS_PATH) {
        await unitMoves(req, res, sub === UNIT_RESTORES_PATH ? "restore" : sub === UNIT_CENSUS_PATH ? "census" : "move");
        return true;
      }
      if (sub === `${OIDC}/userinfo`) {
        await userinfo(req, res);
        return true;
      }
      if (sub === `${OIDC}/3p-cookies/step1.html` || sub === `${OIDC}/login-status-iframe.html`) {
        // keycloak-js asks for these only with checkLoginIframe on. There is no session iframe here:
        // answering "unsupported" makes keycloak-js switch its login iframe off (see docs/security.md).
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><script>window.parent.postMessage("unsupported", "*")</script>`);
        return true;
      }
      if (sub === "" || sub === "/") {
        // Keycloak answers the realm URL with its public key; clients only use it to check the realm exists.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ realm: realm.name, "token-service": `${issuer}${OIDC}`, "account-service": `${issuer}/account` }));
        return true;
      }
      if (pathname.startsWith(loginPath)) return broker.handle(req, res, pathname);
      await dispatch(req, res);
      return true;
    },
  };
}

/** Hands oidc-provider a fresh request stream carrying `body` (its body parser reads ctx.req). */
function replaceBody(ctx: KoaContextWithOIDC, body: string): void {
  const orig = ctx.req;
  const fresh = new IncomingMessage(orig.socket);
  fresh.method = orig.method;
  fresh.url = orig.url;
  // mountProvider's: oidc-provider derives its mount path (and so its URLs, e.g. verification_uri) from it.
  (fresh as IncomingMessage & { originalUrl?: string }).originalUrl = (orig as IncomingMessage & { originalUrl?: string }).originalUrl;
  fresh.headers = { ...orig.headers, "content-length": String(Buffer.byteLength(body)) };
  fresh.httpVersion = orig.httpVersion;
  // Marked complete so that the end of this stream does not tear down the shared socket.
  fresh.complete = true;
  fresh.push(body);
  fresh.push(null);
  ctx.req = fresh;
  ctx.request.req = fresh;
}

