// The realm's login page and its VNeID broker: the official signs in at the government identity provider,
// which vouches for a national ID number; the realm signs in the PRE-PROVISIONED official holding that
// number, or refuses. Like the Keycloak realm (first-broker-login flow "vneid refuse unprovisioned"), there
// is no path that creates an account. The RP side uses openid-client (PKCE, state, nonce, ID token checks).
import type { IncomingMessage, ServerResponse } from "node:http";
import * as oidc from "openid-client";
import { errors } from "oidc-provider";
import type Provider from "oidc-provider";
import { maskNationalId, readForm } from "../http.js";
import { interactionAt, interactionRoute, restartUrl } from "../mount.js";
import { esc, page, redirect, sendHtml } from "../pages.js";
import type { Realm } from "../realm.js";

interface Pending {
  uid: string;
  verifier: string;
  nonce: string;
  expires: number;
}

export function createBroker(opts: { provider: Provider; realm: Realm; issuer: string; loginPath: string; authorizationEndpoint: string }) {
  const { provider, realm, loginPath } = opts;
  const idp = realm.vneid;
  // The one redirect URI registered at VNeID; it forwards to the callback under the login's own URL
  // (`${loginPath}<uid>/…`, where its interaction cookie is sent), found from `state` as Keycloak finds
  // the tab of a brokered login from its state.
  const callbackPath = `${loginPath}${idp.alias}/endpoint`;
  const callbackUrl = `${new URL(opts.issuer).origin}${callbackPath}`;
  const pending = new Map<string, Pending>();
  let discovered: Promise<oidc.Configuration> | undefined;

  // Discovered on first use: the provider may be this very process, still starting.
  const idpConfig = () => {
    discovered ??= oidc
      .discovery(new URL(idp.issuer), idp.clientId, undefined, oidc.ClientSecretPost(idp.clientSecret), {
        execute: new URL(idp.issuer).protocol === "http:" ? [oidc.allowInsecureRequests] : [],
      })
      .catch((e: unknown) => {
        discovered = undefined;
        throw e;
      });
    return discovered;
  };

  const loginPage = (uid: string, message?: string) =>
    page(
      "Đăng nhập hệ thống quản lý tổ chức Đảng",
      `${message ? `<p class="error">${esc(message)}</p>` : ""}
<a class="button" id="social-${esc(idp.alias)}" href="${esc(`${loginPath}${uid}/${idp.alias}`)}">${esc(idp.displayName)}</a>
<p><small>Chỉ cán bộ đã được cấp tài khoản mới đăng nhập được. Hệ thống không tự tạo tài khoản.</small></p>
<form method="post" action="${esc(`${loginPath}${uid}/cancel`)}"><button type="submit" class="secondary">Hủy</button></form>`,
    );

  async function start(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await interactionAt(provider, req, res, uid);
    const config = await idpConfig();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const now = Date.now();
    for (const [k, p] of pending) if (p.expires < now) pending.delete(k);
    pending.set(state, { uid: details.uid, verifier, nonce, expires: now + realm.lifetimes.login * 1000 });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl,
      scope: idp.scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      ...(idp.prompt ? { prompt: idp.prompt } : {}),
    });
    redirect(res, url.href);
  }

  /** VNeID's redirect: on to the callback of the login this state belongs to. */
  function forward(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, callbackUrl);
    const p = pending.get(url.searchParams.get("state") ?? "");
    if (!p || p.expires < Date.now()) {
      sendHtml(res, 400, page("Phiên đăng nhập không hợp lệ", "<p>Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng quay lại ứng dụng và đăng nhập lại.</p>"));
      return;
    }
    redirect(res, `${loginPath}${p.uid}/${idp.alias}/endpoint${url.search}`);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await interactionAt(provider, req, res, uid);
    // As VNeID sent it: openid-client takes the redirect_uri for the code exchange from this URL.
    const url = new URL(`${callbackUrl}${new URL(req.url!, callbackUrl).search}`);
    const state = url.searchParams.get("state") ?? "";
    const p = pending.get(state);
    pending.delete(state);
    if (!p || p.uid !== details.uid || p.expires < Date.now()) {
      sendHtml(res, 400, loginPage(uid, "Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại."));
      return;
    }
    if (url.searchParams.has("error")) {
      sendHtml(res, 401, loginPage(uid, `VNeID không xác thực: ${url.searchParams.get("error_description") ?? url.searchParams.get("error")}`));
      return;
    }
    const tokens = await oidc.authorizationCodeGrant(await idpConfig(), url, {
      pkceCodeVerifier: p.verifier,
      expectedState: state,
      expectedNonce: p.nonce,
      idTokenExpected: true,
    });
    // The government IdP issues no refresh token; its ID token is used once here and then dropped.
    const claims = tokens.claims()!;
    const nationalId = typeof claims["national_id"] === "string" ? claims["national_id"] : "";
    const user = nationalId ? realm.users.find((u) => u.nationalId === nationalId && !u.serviceAccountClientId) : undefined;
    if (!user) {
      console.warn(`[identity] refused VNeID login of unprovisioned national ID ${maskNationalId(nationalId)}`);
      sendHtml(
        res,
        403,
        page(
          "Tài khoản chưa được cấp quyền",
          `<p class="error">Số định danh ${esc(maskNationalId(nationalId))} đã được VNeID xác thực nhưng chưa được cấp quyền truy cập hệ thống.
Đề nghị liên hệ ban tổ chức cấp ủy quản lý để được cấp tài khoản.</p>
<a class="button" href="${esc(`${loginPath}${uid}`)}">Đăng nhập bằng tài khoản khác</a>
<form method="post" action="${esc(`${loginPath}${uid}/cancel`)}"><button type="submit" class="secondary">Quay lại ứng dụng</button></form>`,
        ),
      );
      return;
    }
    const acr = typeof claims.acr === "string" ? claims.acr : undefined;
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id, ...(acr ? { acr } : {}), amr: [idp.alias], remember: false } },
      { mergeWithLastSubmission: false },
    );
  }

  async function restartIfSessionEnded(req: IncomingMessage, res: ServerResponse, uid: string, show: () => Promise<void>) {
    try {
      await show();
    } catch (e) {
      const again = e instanceof errors.SessionNotFound && !res.headersSent ? await restartUrl(provider, req, res, uid, opts.authorizationEndpoint) : undefined;
      if (!again) throw e;
      redirect(res, again);
    }
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
      const route = pathname === callbackPath ? undefined : interactionRoute(loginPath, pathname);
      if (pathname === callbackPath && req.method === "GET") {
        forward(req, res);
      } else if (route && route.rest === "" && req.method === "GET") {
        await restartIfSessionEnded(req, res, route.uid, async () => {
          await interactionAt(provider, req, res, route.uid);
          sendHtml(res, 200, loginPage(route.uid));
        });
      } else if (route && route.rest === idp.alias && req.method === "GET") {
        await restartIfSessionEnded(req, res, route.uid, () => start(req, res, route.uid));
      } else if (route && route.rest === `${idp.alias}/endpoint` && req.method === "GET") {
        await callback(req, res, route.uid);
      } else if (route && route.rest === "cancel" && req.method === "POST") {
        await readForm(req);
        await interactionAt(provider, req, res, route.uid);
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "Người dùng đã hủy đăng nhập" }, { mergeWithLastSubmission: false });
      } else {
        sendHtml(res, 404, page("Không tìm thấy", "<p>Trang không tồn tại.</p>"));
      }
      return true;
    },
    callbackUrl,
  };
}
