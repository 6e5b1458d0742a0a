import type { inspectionContract } from "@orgboard/contract-inspection";
import type { membershipContract } from "@orgboard/contract-membership";
import type { ContractsRouter } from "@orgboard/contracts";
import type { Page } from "@playwright/test";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { officialToken } from "./api.js";
import { expect, loginWithVneid, type OFFICIALS, requires, stack, test } from "./fixtures.js";

// The inspection panel against the real services: figures from inspection.report.annual, kept live by the
// realtime gateway (a board gets `inspection.figures.changed`, an inspection committee the events).

type Client = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof membershipContract, typeof inspectionContract]>>>;

/** An official's API client, signed in through VNeID like the CLI does (apps/cli's login helpers). */
async function apiAs(who: keyof typeof OFFICIALS, service: "membership" | "inspection"): Promise<Client> {
  const token = await officialToken(who);
  return createTRPCClient({
    links: [httpLink({ url: `${stack.services[service]}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })],
  });
}

/** The subjects live in membership: Hà Nội and a grassroots organization under it (once per stack). */
async function ensureOrgs(): Promise<string> {
  const central = await apiAs("central", "membership");
  for (const o of [
    { parentPath: "/", code: "01", name: "Đảng bộ Thành phố Hà Nội", kind: "provincial_committee" as const },
    { parentPath: "/01/", code: "01-e2e", name: "Đảng bộ phường Ba Đình", kind: "grassroots_committee" as const },
  ]) {
    try {
      await central.membership.orgs.create.mutate({ ...o, openedOn: "2020-01-01" });
    } catch (e) {
      if (!(e instanceof TRPCClientError) || (e.data as { code?: string } | undefined)?.code !== "CONFLICT") throw e;
    }
  }
  return "/01/01-e2e/";
}

/** Every text frame the page's sockets receive (the realtime gateway's socket.io packets). */
function socketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => void (typeof f.payload === "string" && frames.push(f.payload))));
  return frames;
}

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });
const figure = (page: Page, id: string) => page.getByTestId(id);
const valueOf = async (page: Page, id: string) => Number(await figure(page, id).getAttribute("data-value"));

test.describe("inspection panel", { tag: "@keycloak" }, () => {
  test.describe.configure({ mode: "serial" });
  test.beforeEach(() => requires("identity", "membership", "inspection", "realtime", "simulator"));

  test("a provincial board sees the real service's figures, and they change live when the commission decides a case", async ({ page }) => {
    const subject = await ensureOrgs();
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoi", "/?tab=inspection");
    const panel = page.getByTestId("insp-panel");
    await expect(panel).toHaveAttribute("data-service-state", "up", { timeout: 15_000 });
    const figures = page.getByTestId("insp-figures");
    await expect(figures).toHaveAttribute("data-org-path", "/01/", { timeout: 20_000 });
    await expect(figures).toHaveAttribute("data-year", String(new Date().getFullYear()));
    await expect(page.getByText(/^Số liệu tính đến ngày \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
    // What the page shows is what the service answers for Hà Nội this year.
    const reader = await apiAs("hanoi", "inspection");
    const before = await reader.inspection.report.annual.query({ orgPath: "/01/", year: new Date().getFullYear() });
    await expect(figure(page, "insp-inspections-orgs")).toHaveAttribute("data-value", String(before.inspections.total.organizations));
    await expect(figure(page, "insp-overdue")).toHaveAttribute("data-value", String(before.deadlines.overdue));

    // Hà Nội's inspection commission decides to inspect an organization (through the API, as itself).
    const inspector = await apiAs("hanoiInspection", "inspection");
    await inspector.inspection.inspections.decide.mutate({
      kind: "signs_of_violation",
      conductor: { kind: "commission", orgPath: "/01/" },
      subject: { kind: "organization", orgPath: subject },
      decisionNumber: `${Date.now() % 100000}-QĐ/UBKT`,
      decidedOn: today(),
      content: "Kiểm tra khi có dấu hiệu vi phạm trong công tác quản lý tài chính.",
    });

    // The board never sees the case, only the counts, within seconds and without a reload.
    await expect(figure(page, "insp-inspections-orgs")).toHaveAttribute("data-value", String(before.inspections.total.organizations + 1), { timeout: 10_000 });
    const byKind = page.getByTestId("insp-inspections-by-kind").locator('[data-key="signs_of_violation"] td').nth(1);
    await expect(byKind).toHaveText(String(before.inspections.byKind.signs_of_violation.organizations + 1));
    expect(await valueOf(page, "insp-inspections-orgs")).toBe(before.inspections.total.organizations + 1);
    // What reached the board's socket: the content-free notice, never the inspection event itself.
    expect(frames.some((f) => f.includes('"inspection.figures.changed"'))).toBe(true);
    expect(frames.some((f) => f.includes('"inspection.inspection.decided"') || f.includes("QĐ/UBKT"))).toBe(false);
  });

  test("Hà Nội's inspection committee gets the events themselves, and its panel follows a supervision", async ({ page }) => {
    const subject = await ensureOrgs();
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoiInspection", "/?tab=inspection");
    await expect(page.getByTestId("insp-figures")).toHaveAttribute("data-org-path", "/01/", { timeout: 20_000 });
    const before = await valueOf(page, "insp-supervisions-orgs");
    const inspector = await apiAs("hanoiInspection", "inspection");
    await inspector.inspection.supervisions.decide.mutate({
      kind: "thematic",
      conductor: { kind: "commission", orgPath: "/01/" },
      subject: { kind: "organization", orgPath: subject },
      decisionNumber: `${Date.now() % 100000}-QĐ/UBKT-GS`,
      decidedOn: today(),
      content: "Giám sát chuyên đề việc thực hiện quy chế làm việc.",
    });
    await expect(figure(page, "insp-supervisions-orgs")).toHaveAttribute("data-value", String(before + 1), { timeout: 10_000 });
    expect(frames.some((f) => f.includes('"inspection.supervision.decided"'))).toBe(true);
    expect(frames.some((f) => f.includes('"inspection.figures.changed"'))).toBe(false);
  });

  test("drills down into a unit from membership's tree and back, and changes the year", async ({ page }) => {
    const subject = await ensureOrgs();
    await loginWithVneid(page, "hanoi", "/?tab=inspection");
    const row = page.locator(`[data-testid=insp-unit-row][data-org-path="${subject}"]`);
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByRole("button").click();
    await expect(page.getByTestId("insp-figures")).toHaveAttribute("data-org-path", subject);
    await expect(page.getByTestId("insp-breadcrumbs")).toContainText("Đảng bộ phường Ba Đình");
    const lastYear = String(new Date().getFullYear() - 1);
    await page.getByTestId("insp-year").click();
    await page.getByRole("option", { name: lastYear }).click();
    await expect(page.getByTestId("insp-figures")).toHaveAttribute("data-year", lastYear);
    await page.getByTestId("insp-breadcrumbs").getByRole("button").first().click();
    await expect(page.getByTestId("insp-figures")).toHaveAttribute("data-org-path", "/01/");
  });
});
