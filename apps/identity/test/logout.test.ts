// #9 finding 6, logout CSRF: the built-in provider's logout page submitted itself whatever the request
// carried, so any link or image to /logout signed the official out. Now it does so only with a valid
// id_token_hint of the signed-in account; otherwise it asks (Vietnamese first) and only its button logs out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIdentity, type IdentityServer } from "../src/index.js";
import { authorizationRequest, Browser, builtinDriver, DASHBOARD, REDIRECT, run, text, tokenRequest, vneidLogin } from "./support.js";

let identity: IdentityServer;
beforeAll(async () => {
  identity = await startIdentity({ port: 0 });
});
afterAll(async () => {
  await identity.close();
});

const oidc = () => `${identity.realmUrl}/protocol/openid-connect`;

async function signIn(nationalId: string) {
  const browser = new Browser();
  const { url, verifier } = authorizationRequest(`${oidc()}/auth`);
  const loginPage = await run(browser, await browser.request(url));
  const vneidPage = await run(browser, await browser.request(builtinDriver.vneidLink(loginPage)));
  const end = await run(browser, await vneidLogin(browser, vneidPage, nationalId));
  const code = new URLSearchParams(new URL(end.location!).hash.slice(1)).get("code")!;
  const tokens = await tokenRequest(`${oidc()}/token`, { grant_type: "authorization_code", client_id: "dashboard", code, redirect_uri: REDIRECT, code_verifier: verifier });
  expect(tokens.status).toBe(200);
  return { browser, tokens: tokens.body };
}

const logoutUrl = (params: Record<string, string>) => {
  const u = new URL(`${oidc()}/logout`);
  for (const [k, v] of Object.entries({ client_id: "dashboard", post_logout_redirect_uri: `${DASHBOARD}/`, ...params })) u.searchParams.set(k, v);
  return u.href;
};
const autoSubmits = (html: string) => /<script>[^<]*requestSubmit\(\)/.test(html);
const signedIn = async (browser: Browser) => {
  const silent = await browser.follow(await browser.request(authorizationRequest(`${oidc()}/auth`, { prompt: "none" }).url), DASHBOARD);
  return new URLSearchParams(new URL(silent.location!).hash.slice(1)).has("code");
};

describe("logout needs a valid hint or a confirmation (#9)", () => {
  it("without id_token_hint: a confirmation page with a button, no self-submission; the session stays until the button", async () => {
    const { browser } = await signIn("001072006705");
    const page = await browser.request(logoutUrl({}));
    expect(page.status).toBe(200);
    expect(autoSubmits(page.html)).toBe(false);
    expect(text(page.html)).toMatch(/Bạn có muốn đăng xuất không\?.*Do you want to log out\?/);
    expect(page.html).toContain("Đăng xuất / Log out");
    // Following the page as a browser would (scripts and redirects) does not end the session.
    expect((await run(browser, page)).status).toBe(200);
    expect(await signedIn(browser)).toBe(true);
    // The official presses the button: logged out, sent back to the dashboard.
    const done = await browser.follow(await browser.submitForm(page, "op.logoutForm"), DASHBOARD);
    expect(done.location).toBe(`${DASHBOARD}/`);
    expect(await signedIn(browser)).toBe(false);
  });

  it("with a valid id_token_hint of another account: asks as well", async () => {
    const victim = await signIn("001072006705");
    const attacker = await signIn("001175003318");
    const page = await victim.browser.request(logoutUrl({ id_token_hint: attacker.tokens["id_token"]! }));
    expect(page.status).toBe(200);
    expect(autoSubmits(page.html)).toBe(false);
    await run(victim.browser, page);
    expect(await signedIn(victim.browser)).toBe(true);
  });

  it("with an id_token_hint that is not valid: refused, session kept", async () => {
    const { browser, tokens } = await signIn("001072006705");
    const [h, p] = tokens["id_token"]!.split(".");
    const page = await browser.request(logoutUrl({ id_token_hint: `${h}.${p}.forged` }));
    expect(page.status).toBe(400);
    expect(autoSubmits(page.html)).toBe(false);
    expect(await signedIn(browser)).toBe(true);
  });

  it("with the signed-in account's own id_token_hint (keycloak-js logout): logs out at once", async () => {
    const { browser, tokens } = await signIn("001072006705");
    const page = await browser.request(logoutUrl({ id_token_hint: tokens["id_token"]! }));
    expect(autoSubmits(page.html)).toBe(true);
    expect((await run(browser, page)).location).toBe(`${DASHBOARD}/`);
    expect(await signedIn(browser)).toBe(false);
  });
});
