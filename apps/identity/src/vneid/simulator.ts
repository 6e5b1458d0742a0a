// The government identity provider ("VNeID") stand-in: a real OpenID Provider (oidc-provider) with test
// citizens. Like the real service it issues no refresh tokens: brokers use its ID token once at login.
import Provider, { type AdapterFactory, type Configuration, type JWK } from "oidc-provider";
import { BruteForceDetector, type BruteForceSettings } from "../brute-force.js";
import { interactionAt, interactionRoute, mountProvider, renderErrorPage, renderLogout, type Mounted } from "../mount.js";
import { readForm } from "../http.js";
import { esc, page, sendHtml } from "../pages.js";
import { LOA_VALUES, assertedAcr, citizens, findCitizen } from "./citizens.js";

export interface BrokerRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}
export interface VneidOptions {
  /** Public URL of the issuer, e.g. http://127.0.0.1:8190/vneid */
  issuer: string;
  brokers: BrokerRegistration[];
  cookieKeys: string[];
  signingKey: JWK;
  /** oidc-provider's storage; default its in-memory adapter. */
  adapter?: AdapterFactory;
  /** Wrong national IDs counted per client address (the realm's brute-force settings); unset: not counted. */
  bruteForce?: BruteForceSettings;
}
export function createVneid(opts: VneidOptions): Mounted {
  const prefix = new URL(opts.issuer).pathname.replace(/\/$/, "");
  const interactionPath = `${prefix}/interaction/`;
  const config: Configuration = {
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
    clients: opts.brokers.map((b) => ({
      client_id: b.clientId,
      client_secret: b.clientSecret,
      redirect_uris: b.redirectUris,
      post_logout_redirect_uris: b.postLogoutRedirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      // acr is then always in the ID token, at the citizen's level when the broker asks for none.
      default_acr_values: [...LOA_VALUES],
    })),
    jwks: { keys: [opts.signingKey] },
    cookies: { keys: opts.cookieKeys, names: { session: "vneid_session", interaction: "vneid_interaction", resume: "vneid_resume" } },
    acrValues: [...LOA_VALUES],
    claims: { openid: ["sub"], profile: ["name", "birthdate", "gender", "national_id"] },
    // The broker reads the citizen's claims straight from the ID token.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          renderLogout(ctx, form, "Đăng xuất VNeID");
        },
        postLogoutSuccessSource(ctx) {
          ctx.type = "html";
          ctx.body = page("Đã đăng xuất VNeID", "<p>Bạn đã đăng xuất khỏi tài khoản định danh điện tử.</p>");
        },
      },
    },
    pkce: { required: () => true },
    issueRefreshToken: () => false,
    findAccount(_ctx, sub) {
      const c = citizens.find((x) => x.sub === sub);
      if (!c) return undefined;
      return {
        accountId: c.sub,
        claims: () => ({ sub: c.sub, name: c.name, birthdate: c.birthdate, gender: c.gender, national_id: c.nationalId }),
      };
    },
    async loadExistingGrant(ctx) {
      // First-party broker: no consent screen; grant exactly what was asked for.
      const { oidc } = ctx;
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
      grant.addOIDCClaims([...oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    // One URL per interaction (its cookie is scoped to it): two logins at once in one browser stay apart.
    interactions: { url: (_ctx, interaction) => `${interactionPath}${interaction.uid}` },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    clientBasedCORS: () => false,
    renderError: (ctx, out) => renderErrorPage(ctx, out),
  };
  const provider = new Provider(opts.issuer, config);
  const dispatch = mountProvider(provider, prefix);
  // Per address, not per national ID: the attack is trying many IDs. A successful login does not clear
  // the count (the test citizens are listed on the page: one of them would reset it after every guess).
  const lockouts = opts.bruteForce ? new BruteForceDetector(opts.bruteForce) : null;

  const loginPage = (uid: string, error?: string) =>
    page(
      "Đăng nhập bằng tài khoản định danh điện tử (mô phỏng VNeID)",
      `${error ? `<p class="error">${esc(error)}</p>` : ""}
<p><small>Môi trường thử nghiệm: chọn một công dân hoặc nhập số định danh cá nhân (12 chữ số).</small></p>
<form method="post" action="${esc(`${interactionPath}${uid}/login`)}"><label for="nationalId">Số định danh cá nhân</label>
<input id="nationalId" name="nationalId" inputmode="numeric" pattern="[0-9]{12}" required autofocus><button type="submit">Đăng nhập</button></form>
<ul class="citizens">${citizens
        .map((c) => `<li><form method="post" action="${esc(`${interactionPath}${uid}/login`)}"><input type="hidden" name="nationalId" value="${esc(c.nationalId)}"><button type="submit" class="secondary">${esc(c.name)} — ${esc(c.nationalId)}</button></form></li>`)
        .join("")}</ul>
<form method="post" action="${esc(`${interactionPath}${uid}/abort`)}"><button type="submit" class="secondary">Hủy</button></form>`,
    );

  return {
    prefix,
    async handle(req, res, pathname) {
      if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return false;
      const route = interactionRoute(interactionPath, pathname);
      if (route && route.rest === "" && req.method === "GET") {
        await interactionAt(provider, req, res, route.uid);
        sendHtml(res, 200, loginPage(route.uid));
        return true;
      }
      if (route && route.rest === "login" && req.method === "POST") {
        const details = await interactionAt(provider, req, res, route.uid);
        const address = req.socket.remoteAddress ?? "unknown";
        const locked = lockouts?.lockedForSeconds(address) ?? 0;
        if (locked > 0) {
          // Refused unchecked while locked out, a right ID too (Keycloak's temporary lockout).
          sendHtml(
            res,
            429,
            loginPage(route.uid, `Bạn đã nhập sai nhiều lần: thử lại sau ${locked} giây. / Too many failed attempts: try again in ${locked} seconds.`),
            { "retry-after": String(locked) },
          );
          return true;
        }
        const nationalId = (await readForm(req)).get("nationalId")?.trim() ?? "";
        if (!/^[0-9]{12}$/.test(nationalId)) {
          lockouts?.failure(address);
          sendHtml(res, 400, loginPage(route.uid, "Số định danh cá nhân phải gồm đúng 12 chữ số."));
          return true;
        }
        const citizen = findCitizen(nationalId);
        if (!citizen) {
          lockouts?.failure(address);
          sendHtml(res, 404, loginPage(route.uid, `Không tìm thấy tài khoản định danh điện tử của số ${nationalId}.`));
          return true;
        }
        const acrValues = details.params["acr_values"];
        const requested = typeof acrValues === "string" ? acrValues.split(" ").filter(Boolean) : [];
        await provider.interactionFinished(req, res, { login: { accountId: citizen.sub, acr: assertedAcr(citizen, requested), amr: ["pwd", "otp"], remember: false } }, { mergeWithLastSubmission: false });
        return true;
      }
      if (route && route.rest === "abort" && req.method === "POST") {
        await interactionAt(provider, req, res, route.uid);
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "Người dùng đã hủy đăng nhập" }, { mergeWithLastSubmission: false });
        return true;
      }
      await dispatch(req, res);
      return true;
    },
  };
}
