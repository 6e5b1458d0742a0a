import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";
import { LOG_DIR, ROOT } from "./stack.js";
import { openSync } from "node:fs";

// One simulated 67-site conference (the CLI's simulator through the real conference API) for the file.
let sim: ChildProcess | null = null;

test.describe("live conference", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    if (["identity", "conference", "realtime", "simulator"].some((p) => stack.missing?.[p])) return;
    const log = openSync(join(LOG_DIR, "simulator.log"), "w");
    sim = spawn(
      process.execPath,
      [join(ROOT, "apps/cli/dist/main.js"), "simulate", "conference", "--sites", "67", "--speed", "120"],
      {
        cwd: ROOT,
        stdio: ["ignore", log, log],
        env: {
          ...process.env,
          IDENTITY_URL: stack.identityUrl,
          CONFERENCE_URL: stack.services.conference ?? "",
        },
      },
    );
  });
  test.afterAll(() => {
    sim?.kill("SIGTERM");
  });
  test.beforeEach(() => requires("identity", "conference", "realtime", "simulator"));

  test("shows all 67 sites, a site dropping within a second, and the agenda advancing", async ({ page }) => {
    await loginWithVneid(page, "central");
    await expect(page.getByTestId("site-tile")).toHaveCount(67, { timeout: 60_000 });
    await expect(page.getByTestId("counter-connected")).toHaveText(/\/67$/);

    // Record, in the page, when each tile turns disconnected, and compare with when the service decided it.
    await page.evaluate(() => {
      const w = window as unknown as { drops: number[] };
      w.drops = [];
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as HTMLElement;
          if (el.dataset.state === "disconnected" && el.dataset.changedAt) w.drops.push(Date.now() - Date.parse(el.dataset.changedAt));
        }
      }).observe(document.querySelector("[data-testid=site-tiles]")!, { attributes: true, subtree: true, attributeFilter: ["data-state"] });
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { drops: number[] }).drops.length), { timeout: 60_000 }).toBeGreaterThan(0);
    const latencies = await page.evaluate(() => (window as unknown as { drops: number[] }).drops);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    await expect(page.getByTestId("counter-connected")).not.toHaveText("67/67");

    const first = await page.getByTestId("agenda-current").getAttribute("data-item-id");
    await expect.poll(() => page.getByTestId("agenda-current").getAttribute("data-item-id"), { timeout: 60_000 }).not.toBe(first);
  });

  test("a provincial official sees only their province's sites", { tag: "@keycloak" }, async ({ page }) => {
    await loginWithVneid(page, "hanoi");
    await expect(page.getByTestId("site-tile").first()).toBeVisible({ timeout: 60_000 });
    const paths = await page.getByTestId("site-tile").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orgPath ?? ""));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.length).toBeLessThan(67);
    for (const p of paths) expect(p.startsWith("/01/")).toBe(true);
  });

  test("a lost session returns to login without losing a typed conclusion", { tag: "@keycloak" }, async ({ page }) => {
    await page.clock.install();
    await loginWithVneid(page, "organizer", "/?tab=organizer");
    const text = "Hội nghị thống nhất giao Ban Tổ chức Trung ương hướng dẫn triển khai.";
    await page.getByTestId("conclusion-text").fill(text);
    // The provider refuses the refresh (an expired or revoked session) …
    await page.route("**/protocol/openid-connect/token", (route) =>
      route.request().postData()?.includes("grant_type=refresh_token")
        ? route.fulfill({ status: 400, contentType: "application/json", body: '{"error":"invalid_grant"}' })
        : route.continue(),
    );
    // … when the token runs out: the official goes through the login and comes back with the text.
    await page.clock.fastForward("30:00");
    await expect(page.getByTestId("draft-restored")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("conclusion-text")).toHaveValue(text);
  });
});
