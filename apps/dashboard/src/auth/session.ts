import Keycloak from "keycloak-js";
import type { RuntimeConfig } from "../config/runtime-config.js";
import { officialFromClaims, type Official } from "./official.js";

const CHANNEL = "orgboard-auth";
const REAUTH_FLAG = "orgboard.reauth";
const LOGOUT_FLAG = "orgboard.logout-broadcast";
/** Refresh when the token has less than this many seconds left (also before every request). */
export const MIN_VALIDITY_S = 30;

type ChannelMessage = { type: "logout" };

/**
 * The official's session. keycloak-js runs the authorization-code flow with PKCE (S256) as a public
 * client; there is no hidden iframe (checkLoginIframe: false, no check-sso), so nothing depends on
 * third-party cookies. Tokens are refreshed before expiry, when the tab becomes visible again (timers
 * are throttled in background tabs) and before each request; logging out in one tab logs out the others
 * through a BroadcastChannel. When the session cannot be renewed (expired, revoked), the official is sent
 * to the login page; form drafts are already in sessionStorage and come back afterwards.
 */
export class AuthSession {
  private readonly channel: BroadcastChannel | null;
  private readonly listeners = new Set<() => void>();
  private leaving = false;
  official: Official;
  /** True once after a forced re-login, so the UI can say that drafts were restored. */
  readonly returnedFromReauth: boolean;

  private constructor(private readonly kc: Keycloak) {
    this.official = officialFromClaims(kc.tokenParsed);
    this.returnedFromReauth = sessionStorage.getItem(REAUTH_FLAG) === "1";
    sessionStorage.removeItem(REAUTH_FLAG);
    this.channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
    this.channel?.addEventListener("message", (ev: MessageEvent<ChannelMessage>) => {
      if (ev.data?.type === "logout") this.loggedOutElsewhere();
    });
    kc.onTokenExpired = () => void this.refresh();
    kc.onAuthRefreshSuccess = () => this.updateOfficial();
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") void this.refresh();
    });
    window.addEventListener("focus", () => void this.refresh());
  }

  static async start(config: RuntimeConfig): Promise<AuthSession> {
    // Back from the provider's logout: only now tell the other tabs. Telling them before the logout had
    // finished sent them to the login page while the session was still ending, and Keycloak then refused
    // this tab's logout ("session not active").
    if (sessionStorage.getItem(LOGOUT_FLAG) === "1") {
      sessionStorage.removeItem(LOGOUT_FLAG);
      if (typeof BroadcastChannel !== "undefined") {
        const channel = new BroadcastChannel(CHANNEL);
        channel.postMessage({ type: "logout" } satisfies ChannelMessage);
        await new Promise((resolve) => setTimeout(resolve, 50));
        channel.close();
      }
    }
    const kc = new Keycloak({ url: config.identity.url, realm: config.identity.realm, clientId: config.identity.clientId });
    await kc.init({
      onLoad: "login-required",
      pkceMethod: "S256",
      checkLoginIframe: false,
      // The SPA reads ?tab= itself; the OIDC answer comes back in the fragment and is cleaned up by keycloak-js.
      responseMode: "fragment",
    });
    return new AuthSession(kc);
  }

  /** A valid access token for a request, refreshed first when it is about to expire. */
  async token(): Promise<string> {
    await this.refresh();
    if (!this.kc.token) throw new Error("not signed in");
    return this.kc.token;
  }

  /** A service said 401: force a refresh once; if that fails too, the session is over. */
  async handleUnauthorized(): Promise<void> {
    try {
      await this.kc.updateToken(-1);
      this.updateOfficial();
    } catch {
      this.sessionLost();
    }
  }

  async refresh(): Promise<void> {
    if (this.leaving) return;
    try {
      await this.kc.updateToken(MIN_VALIDITY_S);
    } catch {
      this.sessionLost();
    }
  }

  async logout(): Promise<void> {
    this.leaving = true;
    sessionStorage.setItem(LOGOUT_FLAG, "1");
    await this.kc.logout({ redirectUri: window.location.origin + window.location.pathname });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private updateOfficial(): void {
    try {
      this.official = officialFromClaims(this.kc.tokenParsed);
      for (const l of this.listeners) l();
    } catch {
      this.sessionLost();
    }
  }

  private loggedOutElsewhere(): void {
    if (this.leaving) return;
    this.leaving = true;
    this.kc.clearToken();
    // The other tab has finished its logout at the provider; prompt=login in any case, so that this tab
    // never slips back in on a session that is ending.
    void this.kc.login({ redirectUri: window.location.href, prompt: "login" });
  }

  /** Renewal failed: back to the login page, keeping this tab's drafts (they are in sessionStorage). */
  private sessionLost(): void {
    if (this.leaving) return;
    this.leaving = true;
    sessionStorage.setItem(REAUTH_FLAG, "1");
    for (const l of this.listeners) l();
    void this.kc.login({ redirectUri: window.location.href });
  }

  get isLeaving(): boolean {
    return this.leaving;
  }
}
