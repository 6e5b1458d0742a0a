import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";

test.describe("service status", () => {
  test.beforeEach(() => requires("identity"));

  test("each service's badge and panels follow that service alone (down ones grey out, the rest work)", async ({ page }) => {
    await loginWithVneid(page, "hanoi");
    for (const service of ["conference", "membership"]) {
      const expected = stack.services[service] ? "up" : "down";
      await expect(page.getByTestId(`service-${service}`)).toHaveAttribute("data-state", expected, { timeout: 15_000 });
    }
    const conferencePanel = page.locator("[data-service=conference]").first();
    await expect(conferencePanel).toHaveAttribute("data-service-state", stack.services.conference ? "up" : "down");
    if (!stack.services.conference) await expect(conferencePanel.getByTestId("service-unavailable")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/conference.png", fullPage: true });

    await page.getByTestId("tab-kpi").click();
    const kpi = page.getByTestId("kpi-admissions");
    await expect(kpi).toHaveAttribute("data-service-state", stack.services.membership ? "up" : "down");
    // the header stays live while a service is down
    await expect(page.getByTestId("socket-state")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/kpi.png", fullPage: true });
  });
});
