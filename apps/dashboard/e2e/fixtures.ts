import { expect, test as base, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EXTRA_OFFICIALS } from "./extra-officials.js";
import { ROOT, type Stack } from "./stack.js";

export const stack: Stack = JSON.parse(process.env.E2E_STACK ?? "{}") as Stack;

/**
 * Fails (naming the missing part and why) unless every part a scenario needs is running: a part that did
 * not start is a failure of the run, never a skipped test that lets it pass.
 */
export function requires(...parts: string[]): void {
  const missing = parts.filter((p) => stack.missing?.[p]);
  if (missing.length > 0) throw new Error(`needs ${missing.map((p) => `${p} (${stack.missing[p]})`).join(", ")}, which did not start`);
}

/**
 * Demo officials of the realm (infra/keycloak/orgboard-realm.json): they have no password and sign in
 * through the national identity (VNeID) simulator with their national ID.
 */
export const OFFICIALS = {
  central: { username: "tw.bantochuc", name: "Nguyễn Văn An", units: "Toàn quốc" },
  hanoi: { username: "hn.bantochuc", name: "Trần Thị Bình", units: "Thành phố Hà Nội" },
  organizer: { username: "hoinghi.vanhanh", name: "Phạm Minh Đức", units: "Toàn quốc" },
  hanoiInspection: { username: "hn.kiemtra", name: "Lê Văn Cường", units: "Thành phố Hà Nội" },
  hanoiPersonnel: { username: "hn.nhansu", name: "Đỗ Thị Hoa", units: "Thành phố Hà Nội" },
  hanoiViewer: { username: "hn.xem", name: "Hoàng Văn Nam", units: "Thành phố Hà Nội" },
  // extra-officials.ts: given to the provider by the stack, not in the shipped realm.
  hagiang: { username: "hagiang.bantochuc", name: "Nông Thị Hạnh", units: "Tỉnh Hà Giang" },
  meovac: { username: "meovac.bantochuc", name: "Vàng Mí Chứ", units: "Huyện Mèo Vạc" },
} as const;

/** The realm's national ID for a demo username, read from the realm export the identity app serves (or extra-officials.ts). */
export async function nationalIdOf(username: string): Promise<string> {
  const extra = EXTRA_OFFICIALS.find((o) => o.username === username);
  if (extra) return extra.nationalId;
  const realm = JSON.parse(await readFile(join(ROOT, "infra/keycloak/orgboard-realm.json"), "utf8")) as {
    users: { username: string; attributes?: { national_id?: string[] } }[];
  };
  const id = realm.users.find((u) => u.username === username)?.attributes?.national_id?.[0];
  if (!id) throw new Error(`no national_id for ${username} in the realm export`);
  return id;
}

/**
 * Open the dashboard and sign in: the dashboard sends the browser to the provider's login page, the
 * official picks "log in with national identity", signs in at the VNeID simulator with their national
 * ID, and comes back to the dashboard.
 */
export async function loginWithVneid(page: Page, who: keyof typeof OFFICIALS, path = "/"): Promise<void> {
  await page.goto(`${stack.dashboardUrl}${path}`);
  await signInFromDashboard(page, who);
}

/**
 * The rest of `loginWithVneid` for a page already on the dashboard, which sends it to the provider by itself
 * (a second `goto` there would race that redirect: "navigation interrupted by another navigation").
 */
export async function signInFromDashboard(page: Page, who: keyof typeof OFFICIALS): Promise<void> {
  const nationalId = await nationalIdOf(OFFICIALS[who].username);
  await page.waitForURL((u) => !u.href.startsWith(stack.dashboardUrl), { timeout: 20_000 });
  await page.locator("#social-vneid").click();
  await page.locator("#nationalId").fill(nationalId);
  await page.locator("#nationalId").press("Enter");
  // A first broker login may ask to confirm; the simulator may ask for consent.
  for (let i = 0; i < 3 && !page.url().startsWith(stack.dashboardUrl); i++) {
    const next = page.locator("button[type=submit]:not(.secondary), input[type=submit]").first();
    await Promise.race([
      page.waitForURL((u) => u.href.startsWith(stack.dashboardUrl), { timeout: 5_000 }).catch(() => undefined),
      next.waitFor({ timeout: 5_000 }).then(() => next.click()).catch(() => undefined),
    ]);
  }
  await page.waitForURL((u) => u.href.startsWith(stack.dashboardUrl), { timeout: 20_000 });
  await expect(page.getByTestId("official-name")).toHaveText(OFFICIALS[who].name);
}

export const test = base;
export { expect };
