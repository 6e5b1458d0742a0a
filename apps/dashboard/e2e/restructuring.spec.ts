import type { membershipContract } from "@orgboard/contract-membership";
import type { personnelContract } from "@orgboard/contract-personnel";
import type { restructuringContract } from "@orgboard/contract-restructuring";
import type { ContractsRouter } from "@orgboard/contracts";
import { createTRPCClient, httpLink } from "@trpc/client";
import { officialToken } from "./api.js";
import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";

// Issue #14: the restructuring progress screen. A real run of one province merge (Hà Giang + Tuyên Quang →
// Tuyên Quang, the real 2024 units seeded into restructuring's own membership, as apps/restructuring's
// runs.test.ts seeds them) started through restructuring's API as the central board; the screen, opened
// before the province runs, turns its row to done with the conservation check ok without a reload (it has
// no polling: only restructuring's events through the realtime gateway reload it), in Vietnamese and
// English, at 1440 and 768 px. Its surplus column shows personnel's surplus cadres placed / total over the new
// province's path and its old provinces'. On the same run, the boards outside the plan's scope (contract 1.10):
// Hà Giang's provincial board sees its new province's row with the real figures; the board of Hà Giang's
// district Mèo Vạc sees that row alone with the province-wide figures withheld ("—", with the reason as tooltip).
// Below the table, the province's organizations by kind before and after (contract 1.13), "after" equal to what
// restructuring's membership counts under the new committee once the province is done.

type Client = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof restructuringContract]>>>;
type PersonnelClient = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof personnelContract]>>>;
type MembershipClient = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof membershipContract]>>>;

/** The run of the first test, read by the second (serial: it does not run when the first failed). */
let ran: { planId: string; members: number } | null = null;

const WIDTHS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 768, height: 1024 },
] as const;
const WITHHELD = {
  vi: "Số liệu toàn tỉnh do ban tổ chức cấp tỉnh theo dõi; phần này chỉ đếm tổ chức thuộc đơn vị của đồng chí",
  en: "Province-wide figures are for the provincial board; this view counts your units' organizations only",
} as const;
const TEXT = {
  vi: { title: "Tiến độ sắp xếp tổ chức đảng", done: "Xong", ok: "Đạt", effective: "Hiệu lực từ 01/07/2025", province: "Tỉnh mới", check: "Kiểm tra bảo toàn", surplus: "Đã bố trí, giải quyết", provinces: "Tỉnh đã xong: 1/1", structure: "Cơ cấu tổ chức đảng trước và sau sắp xếp", districts: "Đảng bộ cấp trên cơ sở" },
  en: { title: "Progress of the party organizations' restructuring", done: "Done", ok: "OK", effective: "In force from 01/07/2025", province: "New province", check: "Conservation check", surplus: "Placed or resolved", provinces: "Provinces done: 1/1", structure: "Party organization structure before and after", districts: "Upper-grassroots committees" },
} as const;

test.describe("restructuring progress screen (#14)", { tag: "@keycloak" }, () => {
  test.describe.configure({ mode: "serial", timeout: 300_000 });
  test.beforeEach(() => requires("identity", "restructuring", "realtime", "personnel"));

  test("a province merge goes live to done with the conservation check ok, in both languages and widths", async ({ page }) => {
    const token = await officialToken("central");
    const api: Client = createTRPCClient({ links: [httpLink({ url: `${stack.services.restructuring}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
    const { id: planId } = await api.restructuring.plans.loadOfficial.mutate({});
    // Only 08: Lai Châu (12), seeded too, is restructuring-failure.spec.ts's, run by its own plan.
    const started = await api.restructuring.runs.start.mutate({ planId, provinceCodes: ["08"] });
    expect(started.provinces.map((p) => p.provinceCode)).toEqual(["08"]);
    const members = started.provinces[0]!.membersBefore;
    expect(members).toBeGreaterThan(0);

    await loginWithVneid(page, "central", "/?tab=restructuring");
    const row = page.getByTestId("restr-row-08");
    await expect(page.getByTestId("restr-run")).toHaveAttribute("data-plan-id", planId, { timeout: 30_000 });
    await expect(row).toHaveAttribute("data-status", "pending");
    await expect(row).toHaveAttribute("data-check", "pending");
    await expect(row.getByTestId("restr-row-steps")).toHaveText(/^0\/\d+$/);

    // The province runs (seconds); the screen follows it through the events alone.
    const resumed = api.restructuring.runs.resume.mutate({ planId, provinceCode: "08" });
    await expect(row).toHaveAttribute("data-status", "done", { timeout: 180_000 });
    const view = await resumed;
    const p = view.provinces[0]!;
    expect(p.status).toBe("done");
    await expect(row).toHaveAttribute("data-check", "ok");
    await expect(row.getByTestId("restr-row-steps")).toHaveText(`${p.stepsTotal}/${p.stepsTotal}`);
    await expect(page.getByTestId("restr-run")).toHaveAttribute("data-status", "done");

    // Surplus cadres placed: personnel's figures (resolved / total) over the new province's path and its old
    // provinces', as the central board reads them.
    expect([...p.sourceOrgPaths].sort()).toEqual(["/02/", "/08/"]);
    const personnel: PersonnelClient = createTRPCClient({ links: [httpLink({ url: `${stack.services.personnel}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
    const figures = await Promise.all([p.orgPath, ...p.sourceOrgPaths].map((orgPath) => personnel.personnel.surplus.figures.query({ orgPath })));
    const surplus = figures.reduce((a, f) => ({ placed: a.placed + f.resolved, total: a.total + f.total }), { placed: 0, total: 0 });
    await expect(row.getByTestId("restr-row-surplus")).toHaveAttribute("data-total", String(surplus.total));
    await expect(row.getByTestId("restr-row-surplus")).toHaveAttribute("data-placed", String(surplus.placed));

    // Structure before and after (1.13): the run's figures, "after" what membership now counts under the new
    // committee (orgs.structure, the KPI tab's source), "before" its old provinces' at the start; no district committee after.
    const membership: MembershipClient = createTRPCClient({ links: [httpLink({ url: `${stack.restructuringMembershipUrl!}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
    const now = (await membership.membership.orgs.structure.query({ orgPath: p.orgPath })).organizations.byKind as Record<string, number>;
    const { before, after } = p.structure!;
    expect(after).toEqual(expect.objectContaining(Object.fromEntries(Object.entries(now).filter(([, x]) => x > 0))));
    for (const [kind, x] of Object.entries(after)) expect(now[kind] ?? 0, kind).toBe(x);
    expect([before["upper_grassroots_committee"]! > 0, after["upper_grassroots_committee"] ?? 0]).toEqual([true, 0]);
    await expect(page.getByTestId("restr-structure-scope")).toHaveCount(0); // one province: nothing to pick
    for (const kind of Object.keys({ ...before, ...after }).filter((k) => (before[k] ?? 0) + (after[k] ?? 0) > 0)) {
      const line = page.getByTestId(`restr-structure-${kind}`);
      await expect(line, kind).toHaveAttribute("data-before", String(before[kind] ?? 0));
      await expect(line, kind).toHaveAttribute("data-after", String(after[kind] ?? 0));
    }

    for (const lang of ["vi", "en"] as const) {
      const fmt = (x: number) => new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB").format(x);
      const n = fmt(members);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
      for (const w of WIDTHS) {
        await page.setViewportSize({ width: w.width, height: w.height });
        await expect(page.getByTestId("restr-panel")).toContainText(TEXT[lang].title);
        await expect(page.getByTestId("restr-effective")).toHaveText(TEXT[lang].effective);
        await expect(page.getByTestId("restr-provinces-done")).toHaveText(TEXT[lang].provinces);
        await expect(page.getByTestId("restr-provinces")).toContainText(TEXT[lang].province);
        await expect(page.getByTestId("restr-provinces")).toContainText(TEXT[lang].check);
        await expect(row.getByTestId("restr-row-status")).toHaveText(TEXT[lang].done);
        await expect(row.getByTestId("restr-row-check")).toHaveText(TEXT[lang].ok);
        await expect(row.getByTestId("restr-row-members")).toHaveText(`${n} → ${n}`);
        await expect(row.getByTestId("restr-row-orgs")).toHaveText(`${fmt(p.changes.create)} / ${fmt(p.changes.close)}`);
        await expect(row.getByTestId("restr-row-surplus")).toHaveText(`${TEXT[lang].surplus} ${fmt(surplus.placed)} / ${fmt(surplus.total)}`);
        await expect(row.getByTestId("restr-row-error")).toHaveText("—");
        await expect(page.getByTestId("restr-structure")).toContainText(TEXT[lang].structure);
        await expect(page.getByTestId("restr-structure-upper_grassroots_committee")).toContainText(`${TEXT[lang].districts}${fmt(before["upper_grassroots_committee"]!)}0−${fmt(before["upper_grassroots_committee"]!)}`);
        // The status and the check come first and are read whole at 768 px too (the other columns scroll sideways).
        await expect(row.getByTestId("restr-row-status")).toBeInViewport();
        await expect(row.getByTestId("restr-row-check")).toBeInViewport();
        for (const badge of [row.getByTestId("restr-row-status"), row.getByTestId("restr-row-check")].map((l) => l.locator(".mantine-Badge-label"))) {
          expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth), `${lang} ${w.name}: a badge is cut`).toBe(true);
        }
        await page.screenshot({ path: `test-results/screens/restructuring-${lang}-${w.name}.png`, fullPage: true });
      }
    }
    ran = { planId, members };
  });

  test("the boards outside the plan's scope: Hà Giang's sees its province's row with the figures, Mèo Vạc's district board the row alone with the figures withheld, in both languages", async ({ browser }) => {
    expect(ran, "the run of the first test").not.toBeNull();
    const { planId, members } = ran!;
    const client = async (who: "hagiang" | "meovac"): Promise<Client> => {
      const token = await officialToken(who);
      return createTRPCClient({ links: [httpLink({ url: `${stack.services.restructuring}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
    };
    // What restructuring answers them (contract 1.10): the run listed with their new province alone (`part`), and
    // no other plan: Lai Châu's (restructuring-failure.spec.ts, run before this file in a whole run) has no row of theirs.
    const district = await (await client("meovac")).restructuring.runs.get.query({ planId });
    expect(district.subtree).toEqual(["/02/027/"]);
    expect(district.provinces.map((p) => [p.provinceCode, p.membersBefore, p.membersAfter])).toEqual([["08", 0, null]]);
    for (const who of ["hagiang", "meovac"] as const) {
      const listed = (await (await client(who)).restructuring.runs.list.query({})).runs;
      expect(listed.map((r) => [r.planId, r.part]), who).toEqual([[planId, ["08"]]]);
    }

    const open = async (who: "hagiang" | "meovac") => {
      const page = await browser.newPage();
      await loginWithVneid(page, who, "/?tab=restructuring");
      await expect(page.getByTestId("restr-run")).toHaveAttribute("data-plan-id", planId, { timeout: 30_000 });
      // Its province's row and no other.
      await expect(page.getByTestId("restr-provinces").locator("tbody tr")).toHaveCount(1);
      await expect(page.getByTestId("restr-row-12")).toHaveCount(0);
      const row = page.getByTestId("restr-row-08");
      await expect(row).toHaveAttribute("data-status", "done");
      return { page, row };
    };
    const board = await open("hagiang");
    const sub = await open("meovac");
    // The province's structure before and after (1.13): the provincial board's; withheld from the district's.
    expect(district.provinces[0]!.structure).toBeNull();
    await expect(board.page.getByTestId("restr-structure-upper_grassroots_committee")).toHaveAttribute("data-after", "0");
    await expect(sub.page.getByTestId("restr-structure")).toHaveCount(0);
    const steps = district.provinces[0]!;
    const personnel: PersonnelClient = await (async () => {
      const token = await officialToken("meovac");
      return createTRPCClient({ links: [httpLink({ url: `${stack.services.personnel}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
    })();
    const figures = await Promise.all([steps.orgPath, ...steps.sourceOrgPaths].map((orgPath) => personnel.personnel.surplus.figures.query({ orgPath })));
    const surplus = figures.reduce((a, f) => ({ placed: a.placed + f.resolved, total: a.total + f.total }), { placed: 0, total: 0 });
    for (const lang of ["vi", "en"] as const) {
      const n = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB").format(members);
      for (const { page } of [board, sub]) await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();

      // The provincial board: the real figures and the check.
      await expect(board.page.getByTestId("restr-provinces-done")).toHaveText(TEXT[lang].provinces);
      await expect(board.row.getByTestId("restr-row-members")).toHaveText(`${n} → ${n}`);
      await expect(board.row.getByTestId("restr-row-members")).not.toHaveAttribute("title", /./);
      await expect(board.row.getByTestId("restr-row-check")).toHaveText(TEXT[lang].ok);

      // The district's board: its row's status and steps, its own organizations' changes, the rest withheld.
      await expect(sub.row.getByTestId("restr-row-status")).toHaveText(TEXT[lang].done);
      await expect(sub.row.getByTestId("restr-row-steps")).toHaveText(`${steps.stepsTotal}/${steps.stepsTotal}`);
      const fmt = (x: number) => new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB").format(x);
      await expect(sub.row.getByTestId("restr-row-orgs")).toHaveText(`${fmt(steps.changes.create)} / ${fmt(steps.changes.close)}`);
      await expect(sub.row.getByTestId("restr-row-members")).toHaveText("—");
      await expect(sub.row.getByTestId("restr-row-members")).toHaveAttribute("title", WITHHELD[lang]);
      await expect(sub.row.getByTestId("restr-row-check")).toHaveText("—");
      await expect(sub.row.getByTestId("restr-row-check").locator("[title]")).toHaveAttribute("title", WITHHELD[lang]);
      // Surplus cadres are personnel's answer, which scopes them itself: the district's own cases under the row's paths.
      await expect(sub.row.getByTestId("restr-row-surplus")).toHaveText(`${TEXT[lang].surplus} ${fmt(surplus.placed)} / ${fmt(surplus.total)}`);
      await expect(sub.row.getByTestId("restr-row-error")).toHaveText("—");
      await sub.page.screenshot({ path: `test-results/screens/restructuring-district-${lang}.png`, fullPage: true });
    }
    await board.page.close();
    await sub.page.close();
  });
});
