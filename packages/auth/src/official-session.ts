// Tokens for command-line tools against the realm (apps/identity's built-in provider or a real Keycloak).
// Officials have no passwords: they sign in only through VNeID (docs/security.md). In development VNeID is
// apps/identity's simulator, so a tool can sign a demo official in the way a browser does — authorization
// code + PKCE as the public `dashboard` client, through the realm's VNeID link and the simulator's form —
// and then keep the session alive with refresh tokens. Against the real VNeID this cannot work, by design.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { CookieJar } from "tough-cookie";

export interface RealmUser {
  username: string;
  name: string;
  nationalId: string;
  roles: string[];
  orgPaths: string[];
}

/** The provisioned officials of the realm file (service accounts left out). */
export function readRealmUsers(realmFile: string): RealmUser[] {
  const realm = JSON.parse(readFileSync(realmFile, "utf8")) as {
    users?: { username: string; realmRoles?: string[]; attributes?: Record<string, string[] | undefined> }[];
  };
  return (realm.users ?? [])
    .filter((u) => u.attributes?.national_id?.[0])
    .map((u) => ({
      username: u.username,
      name: u.attributes?.full_name?.[0] ?? u.username,
      nationalId: u.attributes!.national_id![0]!,
      roles: u.realmRoles ?? [],
      orgPaths: u.attributes?.org_paths ?? [],
    }));
}

interface Page {
  url: string;
  status: number;
  html: string;
  location?: string;
}

/** fetch with a real cookie jar and redirects followed by hand (to stop at the client's redirect URI). */
class ScriptedBrowser {
  private readonly jar = new CookieJar();

  async request(url: string, form?: Record<string, string>): Promise<Page> {
    const headers: Record<string, string> = { accept: "text/html" };
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(url, { method: body ? "POST" : "GET", headers, body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const c of res.headers.getSetCookie()) await this.jar.setCookie(c, url, { ignoreError: true });
    const location = res.headers.get("location");
    return { url, status: res.status, html: await res.text(), ...(location ? { location: new URL(location, url).href } : {}) };
  }

  /** Redirects and self-submitting forms (oidc-provider's) until a page answers or we are sent to `stopAt`. */
  async run(first: Page, stopAt: string): Promise<Page> {
    let page = first;
    for (let hops = 0; hops < 25; hops++) {
      if (page.location) {
        if (page.location.startsWith(stopAt)) return page;
        page = await this.request(page.location);
        continue;
      }
      // Self-submitting forms: the realm's pages (requestSubmit) and oidc-provider's form_post (forms[0].submit).
      if (!page.html.includes("requestSubmit()") && !page.html.includes("forms[0].submit()")) return page;
      const form = findForm(page.html);
      if (!form) return page;
      page = await this.request(new URL(decode(form.action), page.url).href, form.fields);
    }
    throw new Error(`too many redirects from ${first.url}`);
  }
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function pageText(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];

function findForm(html: string, match?: (open: string) => boolean): { action: string; fields: Record<string, string> } | undefined {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = "", inner = ""] = m;
    if (match && !match(open)) continue;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], "name");
      if (name) fields[name] = decode(attr(input[0], "value") ?? "");
    }
    return { action: attr(open, "action") ?? "", fields };
  }
  return undefined;
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch */
  expiresAt: number;
}

export class LoginError extends Error {
  override name = "LoginError";
}

async function tokenRequest(tokenUrl: string, form: Record<string, string>): Promise<TokenSet> {
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new LoginError(`cannot reach the identity provider at ${tokenUrl}: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.access_token !== "string") {
    throw new LoginError(`token request (${form.grant_type}) refused by ${tokenUrl}: HTTP ${res.status} ${JSON.stringify({ error: body.error, error_description: body.error_description })}`);
  }
  const ttl = typeof body.expires_in === "number" ? body.expires_in : 60;
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === "string" ? { refreshToken: body.refresh_token } : {}),
    expiresAt: Date.now() + ttl * 1000,
  };
}

export interface RealmEndpoints {
  issuer: string;
  authorization: string;
  token: string;
}

/** `base` is the provider's base URL (apps/identity's, or Keycloak's): the realm is `<base>/realms/<realm>`. */
export async function discoverRealm(base: string, realm = "orgboard"): Promise<RealmEndpoints> {
  const url = `${base.replace(/\/+$/, "")}/realms/${realm}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new LoginError(`cannot reach the identity provider at ${url}: ${(e as Error).message} (is it running? set IDENTITY_URL)`);
  }
  if (!res.ok) throw new LoginError(`${url} answered HTTP ${res.status}; is ${base} the identity provider's base URL?`);
  const d = (await res.json()) as Record<string, string>;
  return { issuer: d.issuer!, authorization: d.authorization_endpoint!, token: d.token_endpoint! };
}

/** Where the code lands: one of the dashboard client's registered redirect URIs; nothing has to listen there. */
const REDIRECT_URI = "http://127.0.0.1:5173/cli-login";

/** From the realm's login page: its VNeID link, the simulator's form with `nationalId`, on until `stopAt` or a page. */
async function signInWithVneid(browser: ScriptedBrowser, loginPage: Page, nationalId: string, stopAt: string): Promise<Page> {
  // Keycloak's theme and the built-in login page both mark the broker link id="social-vneid".
  const link = /<a\b[^>]*id="social-vneid"[^>]*>/i.exec(loginPage.html);
  const href = link ? attr(link[0], "href") : undefined;
  if (!href) throw new LoginError(`no "VNeID" sign-in on the realm's login page (${loginPage.status}): ${pageText(loginPage.html)}`);
  const vneidPage = await browser.run(await browser.request(new URL(decode(href), loginPage.url).href), stopAt);
  const form = findForm(vneidPage.html, (open) => /action="[^"]*login"/.test(open) && /method="post"/i.test(open));
  if (!form || !pageText(vneidPage.html).includes("VNeID")) {
    throw new LoginError(`expected the VNeID simulator's sign-in page, got ${vneidPage.url} (${vneidPage.status}): ${pageText(vneidPage.html)}`);
  }
  return browser.run(await browser.request(new URL(decode(form.action), vneidPage.url).href, { ...form.fields, nationalId }), stopAt);
}

/**
 * The browser's half of `orgboard login` (RFC 8628) for a demo official: opens the verification page,
 * enters the user code, confirms (or cancels, with `deny`), signs in through the VNeID simulator.
 * Returns the text of the last page (the realm's "signed in" page, or why not).
 */
export async function approveDeviceLogin(verificationUri: string, userCode: string, nationalId: string, opts: { deny?: boolean } = {}): Promise<string> {
  const browser = new ScriptedBrowser();
  const NOWHERE = "\u0000";
  const input = await browser.request(verificationUri);
  const inputForm = findForm(input.html, (open) => open.includes("op.deviceInputForm"));
  if (!inputForm) throw new LoginError(`no code form at ${verificationUri} (${input.status}): ${pageText(input.html)}`);
  const confirm = await browser.request(new URL(decode(inputForm.action), input.url).href, { ...inputForm.fields, user_code: userCode });
  const confirmForm = findForm(confirm.html, (open) => open.includes("op.deviceConfirmForm"));
  if (!confirmForm) return pageText(confirm.html);
  const action = new URL(decode(confirmForm.action), confirm.url).href;
  if (opts.deny) return pageText((await browser.request(action, { ...confirmForm.fields, abort: "yes" })).html);
  const loginPage = await browser.run(await browser.request(action, confirmForm.fields), NOWHERE);
  return pageText((await signInWithVneid(browser, loginPage, nationalId, NOWHERE)).html);
}

/** Signs a provisioned official in through the VNeID simulator and returns the realm's tokens. */
export async function loginThroughVneid(endpoints: RealmEndpoints, nationalId: string, clientId = "dashboard"): Promise<TokenSet> {
  const browser = new ScriptedBrowser();
  const verifier = randomBytes(32).toString("base64url");
  const auth = new URL(endpoints.authorization);
  const params = {
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid",
    state: randomBytes(8).toString("hex"),
    nonce: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  };
  for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);

  const loginPage = await browser.run(await browser.request(auth.href), REDIRECT_URI);
  const end = await signInWithVneid(browser, loginPage, nationalId, REDIRECT_URI);
  if (!end.location?.startsWith(REDIRECT_URI)) {
    throw new LoginError(`sign-in with national ID …${nationalId.slice(-4)} did not come back to the client (${end.status}): ${pageText(end.html)}`);
  }
  const back = new URL(end.location);
  const answer = new URLSearchParams(back.hash ? back.hash.slice(1) : back.search.slice(1));
  const code = answer.get("code");
  if (!code) throw new LoginError(`the realm refused the sign-in: ${answer.get("error") ?? "no code"} ${answer.get("error_description") ?? ""}`.trim());
  if (answer.get("state") !== params.state) throw new LoginError("the realm answered with another state");
  return tokenRequest(endpoints.token, { grant_type: "authorization_code", client_id: clientId, code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
}

/** An official's session: a fresh access token on demand, refreshed (one request at a time: refresh tokens rotate). */
export function officialSession(endpoints: RealmEndpoints, nationalId: string, clientId = "dashboard"): () => Promise<string> {
  let tokens: TokenSet | null = null;
  let pending: Promise<TokenSet> | null = null;
  const renew = async (): Promise<TokenSet> => {
    if (tokens?.refreshToken) {
      try {
        return await tokenRequest(endpoints.token, { grant_type: "refresh_token", client_id: clientId, refresh_token: tokens.refreshToken });
      } catch {
        // Session ended (idle, max lifetime, provider restarted): sign in again.
      }
    }
    return loginThroughVneid(endpoints, nationalId, clientId);
  };
  return async () => {
    if (tokens && tokens.expiresAt - Date.now() > 30_000) return tokens.accessToken;
    pending ??= renew().finally(() => (pending = null));
    tokens = await pending;
    return tokens.accessToken;
  };
}

/** A service account's token by the client-credentials grant, cached until shortly before it expires. */
export function serviceSession(tokenUrl: string, clientId: string, clientSecret: string): () => Promise<string> {
  let tokens: TokenSet | null = null;
  let pending: Promise<TokenSet> | null = null;
  return async () => {
    if (tokens && tokens.expiresAt - Date.now() > 30_000) return tokens.accessToken;
    pending ??= tokenRequest(tokenUrl, { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).finally(() => (pending = null));
    tokens = await pending;
    return tokens.accessToken;
  };
}
