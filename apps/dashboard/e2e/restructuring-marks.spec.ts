import type { conferenceContract } from "@orgboard/contract-conference";
import type { membershipContract } from "@orgboard/contract-membership";
import type { ContractsRouter } from "@orgboard/contracts";
import type { Page } from "@playwright/test";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { officialToken, serviceToken } from "./api.js";
import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";

// Issue #14: "Đang sắp xếp" on the personnel and conference panels. Hà Nội's province committee is marked on
// the stack's membership the way restructuring's saga marks it (`membership.restructuring.mark` with the
// `restructuring` service account), then lifted: the badge shows on Hà Nội's personnel panel, on the central
// board's (the whole country) and on Hà Nội's site of a conference (not on the others), with membership's own
// message as its tooltip, in Vietnamese and English; and is gone once the mark is lifted.

type Membership = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof membershipContract]>>>;
type Conference = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof conferenceContract]>>>;

const client = <T,>(url: string, token: () => Promise<string>): T =>
  createTRPCClient({ links: [httpLink({ url: `${url}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] }) as T;

const SITES = [
  { code: "01", name: "Điểm cầu Thành ủy Hà Nội", orgPath: "/01/", chairName: "Trần Thị Bình", expectedAttendance: 60 },
  { code: "79", name: "Điểm cầu Thành ủy Hồ Chí Minh", orgPath: "/79/", chairName: "Võ Văn Minh", expectedAttendance: 80 },
];
const title = `Hội nghị kiểm thử đang sắp xếp ${Date.now().toString(36)}`;
const run = Date.now().toString(36);
const BADGE = { vi: "Đang sắp xếp", en: "Restructuring in progress" } as const;

async function setLanguage(page: Page, lang: "vi" | "en"): Promise<void> {
  await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
}

async function openConference(page: Page): Promise<void> {
  await loginWithVneid(page, "central");
  await page.getByTestId("conference-picker").click();
  await page.getByRole("option", { name: new RegExp(title) }).click();
  await expect(page.getByTestId("conference-title")).toHaveText(title);
  await expect(page.getByTestId("site-tile")).toHaveCount(SITES.length, { timeout: 20_000 });
}

test.describe("\"đang sắp xếp\" on the personnel and conference panels (#14)", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  test.beforeEach(() => requires("identity", "membership", "personnel", "conference"));

  let saga: Membership;
  let hanoiCode = "";
  let mark: (moving: boolean) => Promise<unknown>;

  test.beforeAll(async () => {
    if (["identity", "membership", "personnel", "conference"].some((p) => stack.missing?.[p])) return;
    const central = client<Membership>(stack.services.membership!, await officialToken("central"));
    // The stack's membership starts empty: Hà Nội's and Hồ Chí Minh's committees, once per stack (as inspection.spec.ts).
    for (const [code, name] of [["01", "Đảng bộ Thành phố Hà Nội"], ["79", "Đảng bộ Thành phố Hồ Chí Minh"]] as const) {
      await central.membership.orgs.create.mutate({ parentPath: "/", code, name, kind: "provincial_committee", openedOn: "2020-01-01" }).catch((e: unknown) => {
        if (!(e instanceof TRPCClientError) || (e.data as { code?: string } | undefined)?.code !== "CONFLICT") throw e;
      });
    }
    hanoiCode = (await central.membership.orgs.get.query({ orgPath: "/01/" })).code;
    saga = client<Membership>(stack.services.membership!, await serviceToken("restructuring", process.env.ORGBOARD_RESTRUCTURING_CLIENT_SECRET || "dev-restructuring-secret"));
    mark = (moving) => saga.membership.restructuring.mark.mutate({ idempotencyKey: `e2e-marks:${run}:${moving ? "mark" : "unmark"}`, effectiveOn: "2025-07-01", orgCodes: [hanoiCode], moving });
    const organizer = client<Conference>(stack.services.conference!, await officialToken("organizer"));
    const start = new Date(Date.now() + 30 * 60_000);
    await organizer.conference.create.mutate({
      title,
      orgPath: "/",
      organizerName: "Ban Tổ chức Trung ương",
      chairName: "Mai Văn Chính",
      chairTitle: "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương",
      mode: "online",
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      agenda: [{ title: "Khai mạc", kind: "opening", plannedMinutes: 5 }],
      sites: SITES,
    });
  });
  test.afterAll(async () => {
    // Never leave Hà Nội marked for the specs after this one.
    if (mark) await mark(false);
  });

  test("marked: the badge on Hà Nội's personnel panel and on Hà Nội's site only, membership's message as tooltip, in both languages; gone once lifted", async ({ page, browser }) => {
    const marked = await mark(true);
    expect(marked).toMatchObject({ records: { marks: 1 } });
    const hanoi = client<Membership>(stack.services.membership!, await officialToken("hanoi"));
    const notice = (await hanoi.membership.orgs.get.query({ orgPath: "/01/" })).restructuring;
    expect(notice?.message).toMatch(/^Đang sắp xếp: .* \/ Being restructured: /);

    // Personnel: Hà Nội's board, whose every panel is Hà Nội's.
    await loginWithVneid(page, "hanoi", "/?tab=personnel");
    await expect(page.getByTestId("pers-unit")).toBeVisible({ timeout: 20_000 });
    const persBadge = page.getByTestId("pers-unit-moving");
    await expect(persBadge).toHaveText(BADGE.vi, { timeout: 20_000 });
    await expect(persBadge).toHaveAttribute("title", notice!.message);
    await setLanguage(page, "en");
    await expect(persBadge).toHaveText(BADGE.en);
    await setLanguage(page, "vi");

    // The central board's personnel panel shows the whole country ("/", no organization): marked while a province
    // committee is, the tooltip naming it with its message.
    const board = await browser.newPage();
    await loginWithVneid(board, "central", "/?tab=personnel");
    await expect(board.getByTestId("pers-unit-moving")).toHaveText(BADGE.vi, { timeout: 20_000 });
    await expect(board.getByTestId("pers-unit-moving")).toHaveAttribute("title", /^Đảng bộ Thành phố Hà Nội: Đang sắp xếp: /);
    await board.close();

    // Conference: the central board's view of a two-site conference; Hà Nội's tile carries it, Hồ Chí Minh's not.
    const central = await browser.newPage();
    await openConference(central);
    const tile = (path: string) => central.locator(`[data-testid=site-tile][data-org-path="${path}"]`);
    await expect(tile("/01/")).toHaveAttribute("data-moving", "true", { timeout: 20_000 });
    await expect(tile("/79/")).toHaveAttribute("data-moving", "false");
    await expect(central.getByTestId("site-tile-moving")).toHaveCount(1);
    const siteBadge = tile("/01/").getByTestId("site-tile-moving");
    await expect(siteBadge).toHaveText(BADGE.vi);
    await expect(siteBadge).toHaveAttribute("title", /^Đang sắp xếp: .* \/ Being restructured: /);
    for (const lang of ["vi", "en"] as const) {
      await setLanguage(central, lang);
      await expect(siteBadge).toHaveText(BADGE[lang]);
      for (const width of [1440, 768]) {
        await central.setViewportSize({ width, height: 1000 });
        // Read whole in a narrow tile: the label wraps instead of being cut.
        const label = siteBadge.locator(".mantine-Badge-label");
        expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1), `${lang} ${width}: the badge is cut`).toBe(true);
        await central.screenshot({ path: `test-results/screens/conference-moving-${lang}-${width}.png`, fullPage: true });
      }
      await central.setViewportSize({ width: 1440, height: 900 });
    }
    await setLanguage(central, "vi");

    // Lifted (the saga's unmark after verify): a new read shows no badge anywhere.
    await mark(false);
    // "No badge" only once the page has membership's new answer (not merely before it arrived).
    // (Calls are batched: the procedure is one of the names in the URL, its answer one item of the array.)
    const read = (p: Page, procedure: string) => p.waitForResponse((r) => r.url().includes(procedure) && r.ok(), { timeout: 30_000 });
    const personnelRead = read(page, "membership.orgs.get");
    await page.reload();
    const answers = (await (await personnelRead).json()) as { result?: { data?: { path?: string; restructuring?: unknown } } }[];
    expect(answers.some((a) => a.result?.data?.path === "/01/" && a.result.data.restructuring === null)).toBe(true);
    await expect(page.getByTestId("pers-unit")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("pers-unit-moving")).toHaveCount(0);
    const conferenceRead = read(central, "membership.orgs.list");
    await central.reload();
    await central.getByTestId("conference-picker").click();
    await central.getByRole("option", { name: new RegExp(title) }).click();
    await expect(tile("/79/")).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    await conferenceRead;
    await expect(tile("/01/")).toHaveAttribute("data-moving", "false");
    await expect(central.getByTestId("site-tile-moving")).toHaveCount(0);
    await central.close();
  });
});
