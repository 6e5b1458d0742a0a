import { ignoreConflict, membershipClient, officialToken, type MembershipClient } from "./api.js";
import { expect, loginWithVneid, requires, test } from "./fixtures.js";

// The KPI screen's "Cơ cấu tổ chức" panel (membership's orgs.structure): a province built through membership's
// API as the central board, drilled into in the browser; the panel's figures are the API's answer, in Vietnamese
// and English, and a member admitted through the API while the page is open shows up without a reload.

const HUE = "/46/";
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải"];
let serial = 100_000 + Math.floor(Math.random() * 800_000);
const nationalId = () => `046085${String(serial++).padStart(6, "0")}`;

const official = (api: MembershipClient, orgPath: string, i: number) =>
  api.membership.members.create.mutate({
    orgPath,
    fullName: `Trần Văn ${GIVEN[i % GIVEN.length]}`,
    birthDate: "1985-04-01",
    gender: "male",
    ethnicity: "Kinh",
    nationalId: nationalId(),
    status: "official",
    admittedOn: "2012-05-19",
    officialOn: "2013-05-19",
  });

test.describe("KPI screen: the organization structure panel", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  test.beforeEach(() => requires("identity", "membership", "realtime", "simulator"));

  test("shows the subtree's organizations by kind and its members as membership counts them, live, in both languages", async ({ page }) => {
    const token = await officialToken("central");
    const api: MembershipClient = membershipClient(token);
    // Thừa Thiên Huế: a grassroots committee with two cells under it, and a grassroots cell.
    const opened = "2000-01-01";
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: "/", code: "46", name: "Đảng bộ Thành phố Huế", kind: "provincial_committee", openedOn: opened }));
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: HUE, code: "46-D1", name: "Đảng bộ Trường Đại học Huế", kind: "grassroots_committee", openedOn: opened }));
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: `${HUE}46-D1/`, code: "46-D1-1", name: "Chi bộ Khoa Toán", kind: "subordinate_cell", openedOn: opened }));
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: `${HUE}46-D1/`, code: "46-D1-2", name: "Chi bộ Khoa Văn", kind: "subordinate_cell", openedOn: opened }));
    await ignoreConflict(api.membership.orgs.create.mutate({ parentPath: HUE, code: "46-C1", name: "Chi bộ Bảo tàng Cổ vật Cung đình", kind: "grassroots_cell", openedOn: opened }));
    for (let i = 0; i < 3; i++) await official(api, `${HUE}46-D1/46-D1-1/`, i);
    const before = await api.membership.orgs.structure.query({ orgPath: HUE });
    expect(before.organizations).toMatchObject({ grassroots: 2, cellsUnderGrassrootsCommittees: 2, byKind: { provincial_committee: 1, grassroots_committee: 1, grassroots_cell: 1, subordinate_cell: 2 } });

    await loginWithVneid(page, "central", "/?tab=kpi");
    const unit = page.locator(`[data-testid=kpi-targets] [data-testid=target-row][data-org-path="${HUE}"]`);
    await expect(unit).toBeVisible({ timeout: 30_000 });
    await unit.getByRole("button").click();
    const panel = page.getByTestId("kpi-structure");
    const value = (key: string) => panel.locator(`[data-testid=structure-row][data-key=${key}] [data-testid=structure-value]`);
    const day = before.on.split("-").reverse().join("/");
    await expect(panel).toContainText(`Cơ cấu tổ chức đến ${day}`, { timeout: 20_000 });
    await expect(value("organizations")).toHaveText(String(before.organizations.total));
    await expect(value("grassroots")).toHaveText("2");
    await expect(value("grassroots_committee")).toHaveText("1");
    await expect(value("grassroots_cell")).toHaveText("1");
    await expect(value("subordinate_cell")).toHaveText("2");
    await expect(value("cellsUnderGrassroots")).toHaveText("2");
    // Kinds with none are left out.
    await expect(panel.locator("[data-testid=structure-row][data-key=partial_committee]")).toHaveCount(0);
    await expect(panel.getByTestId("structure-members")).toHaveText(String(before.members.total));
    await expect(panel.locator("[data-testid=structure-row][data-key=grassroots]")).toContainText("Tổ chức cơ sở đảng");

    // A member admitted elsewhere while the page is open: the panel follows membership's event, no reload.
    await official(api, `${HUE}46-C1/`, 4);
    const after = await api.membership.orgs.structure.query({ orgPath: HUE });
    expect(after.members.total).toBe(before.members.total + 1);
    await expect(panel.getByTestId("structure-members")).toHaveText(String(after.members.total), { timeout: 20_000 });

    await page.getByTestId("language").getByText("EN", { exact: true }).click();
    await expect(panel).toContainText(`Organization structure on ${day}`);
    await expect(panel.locator("[data-testid=structure-row][data-key=grassroots]")).toContainText("Grassroots party organizations");
    await expect(panel).toContainText(`Official ${after.members.official}`);
    await page.screenshot({ path: "test-results/screens/kpi-structure-en.png", fullPage: true });
  });
});
