// A scripted browser (fetch + a real cookie jar, redirects followed by hand) and the per-provider page
// steps, so that one flow test runs against the built-in provider or a real Keycloak (KEYCLOAK_URL).
import { createHash, randomBytes } from "node:crypto";
import { CookieJar } from "tough-cookie";

export interface Page {
  url: string;
  status: number;
  html: string;
  location?: string;
}

export class Browser {
  readonly jar = new CookieJar();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const headers: Record<string, string> = { accept: "text/html" };
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers["cookie"] = cookie;
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) await this.jar.setCookie(c, url, { ignoreError: true });
    const location = res.headers.get("location");
    return { url, status: res.status, html: await res.text(), location: location ? new URL(location, url).href : undefined };
  }

  /** Follows redirects until a page answers, or a redirect leaves for `stopAt` (the client's redirect URI). */
  async follow(start: Page, stopAt: string): Promise<Page> {
    let page = start;
    for (let hops = 0; hops < 20; hops++) {
      if (!page.location || page.location.startsWith(stopAt)) return page;
      page = await this.request(page.location);
    }
    throw new Error(`too many redirects from ${start.url}`);
  }

  async submitForm(page: Page, formId?: string, extra: Record<string, string> = {}): Promise<Page> {
    const form = findForm(page.html, formId);
    if (!form) throw new Error(`no form ${formId ?? ""} on ${page.url} (status ${page.status}):\n${text(page.html).slice(0, 400)}`);
    return this.request(new URL(decode(form.action), page.url).href, { method: "POST", form: { ...form.fields, ...extra } });
  }
}

export function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function text(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];
}

function findForm(html: string, id?: string): { action: string; fields: Record<string, string> } | undefined {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = "", inner = ""] = m;
    if (id && attr(open, "id") !== id) continue;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], "name");
      if (name) fields[name] = decode(attr(input[0], "value") ?? "");
    }
    return { action: attr(open, "action") ?? "", fields };
  }
  return undefined;
}

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** The dashboard as registered in the realm file (keycloak-js's redirect URI is under it). */
export const DASHBOARD = "http://localhost:5173";
export const REDIRECT = `${DASHBOARD}/callback`;

/**
 * Follows redirects and self-submitting forms (logout confirmations; oidc-provider's own form that ends the
 * session before another account logs in over it) until the client's URI or a plain page.
 */
export async function run(browser: Browser, first: Page, stopAt = DASHBOARD): Promise<Page> {
  let page = await browser.follow(first, stopAt);
  for (let i = 0; i < 5 && !page.location && /requestSubmit\(\)|document\.forms\[0\]\.submit\(\)/.test(page.html); i++) {
    page = await browser.follow(await browser.submitForm(page), stopAt);
  }
  return page;
}

/** An authorization request as keycloak-js sends it: code flow, PKCE S256, response_mode=fragment. */
export function authorizationRequest(authorizationEndpoint: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const auth = new URL(authorizationEndpoint);
  for (const [k, v] of Object.entries({ client_id: "dashboard", redirect_uri: REDIRECT, response_type: "code", response_mode: "fragment", scope: "openid", state, nonce, code_challenge: challenge, code_challenge_method: "S256", ...extra })) {
    auth.searchParams.set(k, v);
  }
  return { url: auth.href, verifier, state, nonce };
}

/** A token request as the dashboard sends it from the browser (with its Origin) or a service (without). */
export async function tokenRequest(tokenEndpoint: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, string> }> {
  const res = await fetch(tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(form["client_id"] === "dashboard" ? { origin: DASHBOARD } : {}), ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, string> };
}

/** The identity provider's login page, which differs between the built-in provider and Keycloak. */
export interface LoginDriver {
  name: string;
  /** From the realm's login page, the URL that starts the VNeID login. */
  vneidLink(page: Page): string;
  /** Whether this page is the realm's refusal of an unprovisioned citizen. */
  isRefusal(page: Page): boolean;
}

function socialLink(page: Page): string {
  // Both Keycloak's login theme and the built-in page mark the broker link with id="social-<alias>".
  const m = /<a\b[^>]*id="social-vneid"[^>]*>/i.exec(page.html);
  const href = m ? attr(m[0], "href") : undefined;
  if (!href) throw new Error(`no VNeID link on ${page.url} (status ${page.status}):\n${text(page.html).slice(0, 400)}`);
  return new URL(decode(href), page.url).href;
}

export const builtinDriver: LoginDriver = {
  name: "built-in",
  vneidLink: socialLink,
  isRefusal: (p) => p.status === 403 && text(p.html).includes("chưa được cấp quyền truy cập hệ thống"),
};

export const keycloakDriver: LoginDriver = {
  name: "keycloak",
  vneidLink: socialLink,
  // The realm's first-broker-login flow denies with its configured message.
  isRefusal: (p) => p.status >= 400 && !p.location && text(p.html).includes("chưa được cấp quyền truy cập hệ thống"),
};

/** The simulator's page: choose the citizen by national ID number (same in both modes). */
export async function vneidLogin(browser: Browser, page: Page, nationalId: string): Promise<Page> {
  if (!text(page.html).includes("mô phỏng VNeID")) throw new Error(`expected the VNeID page, got ${page.url} (${page.status}): ${text(page.html).slice(0, 300)}`);
  const action = /<form method="post" action="([^"]*login)"/.exec(page.html)?.[1];
  if (!action) throw new Error("no login form on the VNeID page");
  return browser.request(new URL(decode(action), page.url).href, { method: "POST", form: { nationalId } });
}
