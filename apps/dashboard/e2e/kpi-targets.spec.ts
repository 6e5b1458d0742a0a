import type { Page } from "@playwright/test";
import { ignoreConflict, membershipClient, officialToken, type MembershipClient } from "./api.js";
import { expect, loginWithVneid, requires, test } from "./fixtures.js";

// Issue #15: the KPI screen shows the two targets of Resolution 21-NQ/TW per unit with met / not met, a
// five-year trend and every unit's label, in Vietnamese and English, on a desktop and a 768-px tablet,
// and drilling into a unit keeps the targets. The figures are membership's (members, admissions and
// approved ratings created through its API as the central board), read back through membership.kpi.report.

const year = Number(new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).slice(0, 4));
const HP = "/31/";
const DN = "/48/";
const WIDTHS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 768, height: 1024 },
] as const;
const TEXT = {
  vi: { title: `Mục tiêu Nghị quyết 21-NQ/TW năm ${year}`, rule: "Kết nạp đảng viên mới hằng năm đạt từ 3%", met: "Đạt", notMet: "Chưa đạt" },
  en: { title: `Resolution 21-NQ/TW targets, ${year}`, rule: "New members admitted each year: at least 3%", met: "Met", notMet: "Not met" },
} as const;

let serial = 100_000 + Math.floor(Math.random() * 800_000);
// Names are letters only (the membership contract refuses digits in a name).
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hòa", "Hùng", "Khang", "Lâm", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Xuân", "Yên", "Đức", "Hậu"];
const nationalId = () => `001080${String(serial++).padStart(6, "0")}`;

/**
 * Hải Phòng: 10 members at 31/12 of last year, 1 admitted this year (10 % ≥ 3 %: met), 5 rated all "good"
 * (100 % > 90 %: met). Đà Nẵng: 5 members, no admission (0 %: not met), 2 rated, 1 "good" (50 %: not met).
 */
async function seed(api: MembershipClient): Promise<void> {
  for (const [path, code, name] of [
    [HP, "31", "Đảng bộ Thành phố Hải Phòng"],
    [DN, "48", "Đảng bộ Thành phố Đà Nẵng"],
  ] as const) {
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: "/", code, name, kind: "provincial_committee", openedOn: "2000-01-01" }));
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: path, code: `${code}-C1`, name: `Chi bộ cơ quan ${code}`, kind: "grassroots_cell", openedOn: "2000-01-01" }));
  }
  const member = (orgPath: string, i: number, admittedThisYear = false) =>
    api.membership.members.create.mutate({
      orgPath,
      fullName: `Nguyễn Văn ${GIVEN[i % GIVEN.length]}`,
      birthDate: "1980-01-01",
      gender: "male",
      ethnicity: "Kinh",
      nationalId: nationalId(),
      ...(admittedThisYear ? { status: "probationary" as const, admittedOn: `${year}-03-02` } : { status: "official" as const, admittedOn: "2010-05-19", officialOn: "2011-05-19" }),
    });
  const rate = async (memberId: number, level: "good" | "completed") => {
    const r = await api.membership.ratings.selfAssess.mutate({ subjectKind: "member", memberId, year, level });
    await api.membership.ratings.appraise.mutate({ id: r.id });
    await api.membership.ratings.approve.mutate({ id: r.id });
  };
  const hp = [];
  for (let i = 0; i < 10; i++) hp.push(await member(`${HP}31-C1/`, i));
  await member(`${HP}31-C1/`, 10, true);
  for (const m of hp.slice(0, 5)) await rate(m.id, "good");
  const dn = [];
  for (let i = 0; i < 5; i++) dn.push(await member(`${DN}48-C1/`, 20 + i));
  await rate(dn[0]!.id, "good");
  await rate(dn[1]!.id, "completed");
}

const row = (page: Page, path: string) => page.locator(`[data-testid=kpi-targets] [data-testid=target-row][data-org-path="${path}"]`);

test.describe("KPI screen: the NQ 21 targets (#15)", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  test.beforeEach(() => requires("identity", "membership", "simulator"));

  test("each unit met or not met, five years of trend, every label, in both languages and widths; drill-down keeps the targets", async ({ page }) => {
    const token = await officialToken("central");
    const api: MembershipClient = membershipClient(token);
    await seed(api);

    await loginWithVneid(page, "central", "/?tab=kpi");
    const panel = page.getByTestId("kpi-targets");
    await expect(row(page, HP)).toBeVisible({ timeout: 30_000 });
    for (const lang of ["vi", "en"] as const) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
      for (const w of WIDTHS) {
        await page.setViewportSize({ width: w.width, height: w.height });
        await expect(panel).toContainText(TEXT[lang].title);
        await expect(page.getByTestId("target-admission-rule")).toContainText(TEXT[lang].rule);
        await expect(page.getByTestId("target-admission-rule")).toContainText(`31/12/${year - 1}`);
        // Hải Phòng meets both: 1 of 10 members admitted; 5 of 5 rated good.
        const hp = row(page, HP);
        await expect(hp.getByTestId("target-admission")).toHaveAttribute("data-outcome", "met");
        await expect(hp.getByTestId("target-admission")).toHaveAttribute("data-numerator", "1");
        await expect(hp.getByTestId("target-admission")).toHaveAttribute("data-denominator", "10");
        await expect(hp.getByTestId("target-admission")).toContainText(TEXT[lang].met);
        await expect(hp.getByTestId("target-rating")).toHaveAttribute("data-outcome", "met");
        // Đà Nẵng meets neither: no admission of 5 members; 1 of 2 rated good.
        const dn = row(page, DN);
        await expect(dn.getByTestId("target-admission")).toHaveAttribute("data-outcome", "not_met");
        await expect(dn.getByTestId("target-rating")).toHaveAttribute("data-outcome", "not_met");
        await expect(dn.getByTestId("target-rating")).toHaveAttribute("data-numerator", "1");
        await expect(dn.getByTestId("target-rating")).toContainText(TEXT[lang].notMet);
        // Unit names are whole (wrapped, not cut) and visible.
        await expect(hp.locator("td").first()).toHaveText("Đảng bộ Thành phố Hải Phòng");
        await expect(page.getByTestId("trend-row")).toHaveCount(5);
        await expect(page.getByTestId("trend-row").last()).toHaveAttribute("data-year", String(year));
        // The admissions chart labels every unit (it used to skip every other one).
        const units = await page.getByTestId("kpi-row").count();
        await expect(page.locator("[data-testid=kpi-admissions] .recharts-yAxis .recharts-cartesian-axis-tick")).toHaveCount(units);
        await page.screenshot({ path: `test-results/screens/kpi-targets-${lang}-${w.name}.png`, fullPage: true });
      }
    }

    // Drill into Hải Phòng: the same targets, now for Hải Phòng and its cell.
    await page.setViewportSize({ width: 1440, height: 900 });
    await row(page, HP).getByRole("button").click();
    await expect(page.locator("[data-testid=kpi-targets] [data-testid=target-scope]")).toHaveAttribute("data-org-path", HP, { timeout: 20_000 });
    const cell = row(page, `${HP}31-C1/`);
    await expect(cell.getByTestId("target-admission")).toHaveAttribute("data-outcome", "met");
    await expect(cell.getByTestId("target-rating")).toHaveAttribute("data-outcome", "met");
    await expect(page.getByTestId("trend-row")).toHaveCount(5);
    await page.screenshot({ path: `test-results/screens/kpi-targets-drilldown-en-desktop.png`, fullPage: true });
  });
});
