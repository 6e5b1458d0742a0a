import type { conferenceContract } from "@orgboard/contract-conference";
import type { membershipContract } from "@orgboard/contract-membership";
import type { ContractsRouter } from "@orgboard/contracts";
import type { Page } from "@playwright/test";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { officialToken, serviceToken } from "./api.js";
import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";

// Issue #14: "Đang sắp xếp" on the personnel, conference and inspection panels. Hà Nội's province committee is marked on
// the stack's membership the way restructuring's saga marks it (`membership.restructuring.mark` with the
// `restructuring` service account), then lifted: the badge shows on Hà Nội's personnel panel (its board's, and its
// personnel officer's, whose socket carries membership's figures notice only), on the central
// board's (the whole country) and on Hà Nội's site of a conference (not on the others), with membership's own
// message as its tooltip, in Vietnamese and English, and the KPI screen's notice; and is gone once the mark is
// lifted. Live: the pages are open before the mark and never reloaded (the mark's events through the gateway).
// The inspection panel's units (membership's orgs.children of the unit shown) carry it on the marked unit's row:
// live for the boards (membership's stream readers) and for an inspection committee, whose socket carries no
// membership event but membership's figures notice (contract-realtime 1.4). So for a viewer (Hà Nội's): the KPI
// notice and the badge of Hà Nội's site come and go live on that notice alone.

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
/** The socket's text frames a page receives (socket.io: `42["event",{…}]`). */
function socketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => void (typeof f.payload === "string" && frames.push(f.payload))));
  return frames;
}

const BADGE = { vi: "Đang sắp xếp", en: "Restructuring in progress" } as const;

async function setLanguage(page: Page, lang: "vi" | "en"): Promise<void> {
  await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
}

async function openConference(page: Page, who: "central" | "hanoiViewer" = "central", sites = SITES.length): Promise<void> {
  await loginWithVneid(page, who);
  await page.getByTestId("conference-picker").click();
  await page.getByRole("option", { name: new RegExp(title) }).click();
  await expect(page.getByTestId("conference-title")).toHaveText(title);
  await expect(page.getByTestId("site-tile")).toHaveCount(sites, { timeout: 20_000 });
}

test.describe("\"đang sắp xếp\" on the personnel, conference and inspection panels (#14)", { tag: "@keycloak" }, () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  test.beforeEach(() => requires("identity", "membership", "personnel", "conference", "realtime"));

  let saga: Membership;
  let hanoiCode = "";
  /** Each test marks and lifts under its own keys: a key used before would be a replay (nothing changes, no event). */
  let mark: (moving: boolean, step?: string) => Promise<unknown>;

  test.beforeAll(async () => {
    if (["identity", "membership", "personnel", "conference", "realtime"].some((p) => stack.missing?.[p])) return;
    const central = client<Membership>(stack.services.membership!, await officialToken("central"));
    // The stack's membership starts empty: Hà Nội's and Hồ Chí Minh's committees, once per stack (as inspection.spec.ts).
    for (const [code, name] of [["01", "Đảng bộ Thành phố Hà Nội"], ["79", "Đảng bộ Thành phố Hồ Chí Minh"]] as const) {
      await central.membership.orgs.create.mutate({ parentPath: "/", code, name, kind: "provincial_committee", openedOn: "2020-01-01" }).catch((e: unknown) => {
        if (!(e instanceof TRPCClientError) || (e.data as { code?: string } | undefined)?.code !== "CONFLICT") throw e;
      });
    }
    hanoiCode = (await central.membership.orgs.get.query({ orgPath: "/01/" })).code;
    saga = client<Membership>(stack.services.membership!, await serviceToken("restructuring", process.env.ORGBOARD_RESTRUCTURING_CLIENT_SECRET || "dev-restructuring-secret"));
    mark = (moving, step = "panels") =>
      saga.membership.restructuring.mark.mutate({ idempotencyKey: `e2e-marks:${run}:${step}:${moving ? "mark" : "unmark"}`, effectiveOn: "2025-07-01", orgCodes: [hanoiCode], moving });
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
    if (mark) await mark(false, "after");
  });

  test("marked: the badge on Hà Nội's personnel panel (its board's and its personnel officer's) and on Hà Nội's site only, the KPI notice, live without a reload, membership's message as tooltip, in both languages; gone live once lifted", async ({ page, browser }) => {
    // Open before the mark: the badge and the notice must come by the socket (membership.organization.marked at
    // Hà Nội's path, contract-membership 2.10), not by a reload. Membership's reads are kept a minute, so a
    // badge within seconds on a page that was not reloaded is the event's doing.
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoi", "/?tab=personnel");
    await expect(page.getByTestId("pers-unit")).toBeVisible({ timeout: 20_000 });
    const persBadge = page.getByTestId("pers-unit-moving");
    await expect(persBadge).toHaveCount(0);
    const kpi = await browser.newPage();
    await loginWithVneid(kpi, "hanoi", "/?tab=kpi");
    // The snapshot is in (Hà Nội's committee alone has no child rows: the panel says so).
    await expect(kpi.getByTestId("kpi-admissions")).toContainText(/Chưa có dữ liệu|Đã kết nạp/, { timeout: 20_000 });
    await expect(kpi.getByTestId("kpi-moving")).toHaveCount(0);
    // Hà Nội's personnel officer: its socket carries membership's figures notice, never membership's events, so
    // its badge comes by the notice alone.
    const officer = await browser.newPage();
    const officerFrames = socketFrames(officer);
    await loginWithVneid(officer, "hanoiPersonnel", "/?tab=personnel");
    await expect(officer.getByTestId("pers-unit")).toBeVisible({ timeout: 20_000 });
    const officerBadge = officer.getByTestId("pers-unit-moving");
    await expect(officerBadge).toHaveCount(0);
    const central = await browser.newPage();
    await openConference(central);
    const tile = (path: string) => central.locator(`[data-testid=site-tile][data-org-path="${path}"]`);
    await expect(tile("/01/")).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    // Each page's socket is connected to the gateway (its rooms joined) before the mark is written.
    const pages = [page, kpi, officer, central];
    for (const p of pages) await expect(p.getByTestId("socket-state")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
    for (const p of pages) await p.evaluate(() => void ((window as unknown as { notReloaded?: boolean }).notReloaded = true));

    const marked = await mark(true);
    expect(marked).toMatchObject({ records: { marks: 1 } });
    const hanoi = client<Membership>(stack.services.membership!, await officialToken("hanoi"));
    const notice = (await hanoi.membership.orgs.get.query({ orgPath: "/01/" })).restructuring;
    expect(notice?.message).toMatch(/^Đang sắp xếp: .* \/ Being restructured: /);

    // Personnel: Hà Nội's board, whose every panel is Hà Nội's.
    await expect(persBadge).toHaveText(BADGE.vi, { timeout: 20_000 });
    await expect(persBadge).toHaveAttribute("title", notice!.message);
    // The KPI screen's notice, with the snapshot reloaded on the event.
    await expect(kpi.getByTestId("kpi-moving")).toContainText(notice!.message, { timeout: 20_000 });
    // What reached Hà Nội's board: the mark at Hà Nội's path.
    expect(frames.some((f) => f.includes('"membership.organization.marked"') && f.includes('"orgPath":"/01/"'))).toBe(true);
    await setLanguage(page, "en");
    await expect(persBadge).toHaveText(BADGE.en);
    await setLanguage(page, "vi");
    // The personnel officer's: the same badge and message, by the figures notice.
    await expect(officerBadge).toHaveText(BADGE.vi, { timeout: 20_000 });
    await expect(officerBadge).toHaveAttribute("title", notice!.message);
    await setLanguage(officer, "en");
    await expect(officerBadge).toHaveText(BADGE.en);
    await setLanguage(officer, "vi");

    // The central board's personnel panel shows the whole country ("/", no organization): marked while a province
    // committee is, the tooltip naming it with its message.
    const board = await browser.newPage();
    await loginWithVneid(board, "central", "/?tab=personnel");
    await expect(board.getByTestId("pers-unit-moving")).toHaveText(BADGE.vi, { timeout: 20_000 });
    await expect(board.getByTestId("pers-unit-moving")).toHaveAttribute("title", /^Đảng bộ Thành phố Hà Nội: Đang sắp xếp: /);
    await board.close();

    // Conference: the central board's view of a two-site conference, open since before the mark; Hà Nội's tile
    // carries it, Hồ Chí Minh's not.
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

    // Lifted (the saga's unmark after verify): gone live, on every page still open, none of them reloaded.
    await mark(false);
    await expect(persBadge).toHaveCount(0, { timeout: 20_000 });
    await expect(officerBadge).toHaveCount(0, { timeout: 20_000 });
    await expect(kpi.getByTestId("kpi-moving")).toHaveCount(0, { timeout: 20_000 });
    await expect(tile("/01/")).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    await expect(central.getByTestId("site-tile-moving")).toHaveCount(0);
    for (const p of pages) expect(await p.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // What the officer's socket carried of membership: the notice, never the event.
    expect(officerFrames.some((f) => f.includes('"membership.figures.changed"'))).toBe(true);
    expect(officerFrames.some((f) => f.includes('"membership.organization.marked"'))).toBe(false);
    await kpi.close();
    await officer.close();
    await central.close();
  });

  test("marked: the badge on Hà Nội's row of the central board's inspection panel, not on Hồ Chí Minh's, live without a reload, membership's message as tooltip, in both languages; gone live once lifted; an inspection committee's too, through membership's figures notice", async ({ page, browser }) => {
    requires("inspection");
    // The rows are membership's orgs.children of the unit shown (the central board's: the province committees),
    // not inspection's data: no case is needed under the marked path for the badge.
    const row = (p: Page, path: string) => p.locator(`[data-testid=insp-unit-row][data-org-path="${path}"]`);
    const frames = socketFrames(page);
    await loginWithVneid(page, "central", "/?tab=inspection");
    await expect(row(page, "/01/")).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    await expect(row(page, "/79/")).toHaveAttribute("data-moving", "false");
    await expect(page.getByTestId("insp-unit-moving")).toHaveCount(0);
    // Connected (rooms joined) before the mark is written; never reloaded afterwards. The children's read is kept
    // a minute: a badge within seconds is the mark event's doing.
    await expect(page.getByTestId("socket-state")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
    await page.evaluate(() => void ((window as unknown as { notReloaded?: boolean }).notReloaded = true));

    expect(await mark(true, "inspection")).toMatchObject({ records: { marks: 1 } });
    const central = client<Membership>(stack.services.membership!, await officialToken("central"));
    const notice = (await central.membership.orgs.children.query({ orgPath: "/", limit: 200 })).items.find((o) => o.path === "/01/")?.restructuring;
    expect(notice?.message).toMatch(/^Đang sắp xếp: .* \/ Being restructured: /);

    await expect(row(page, "/01/")).toHaveAttribute("data-moving", "true", { timeout: 20_000 });
    const badge = row(page, "/01/").getByTestId("insp-unit-moving");
    await expect(badge).toHaveText(BADGE.vi);
    await expect(badge).toHaveAttribute("title", notice!.message);
    await expect(row(page, "/79/")).toHaveAttribute("data-moving", "false");
    await expect(page.getByTestId("insp-unit-moving")).toHaveCount(1);
    expect(frames.some((f) => f.includes('"membership.organization.marked"') && f.includes('"orgPath":"/01/"'))).toBe(true);
    await setLanguage(page, "en");
    await expect(badge).toHaveText(BADGE.en);
    await page.screenshot({ path: "test-results/screens/inspection-moving-en.png", fullPage: true });
    await setLanguage(page, "vi");

    // Hà Nội's inspection committee (no membership event on its socket, only `membership.figures.changed`): a panel
    // opened during the mark reads it for the unit under Hà Nội (inside the marked subtree), the organization's own
    // message; kept open, it loses the badge live when the mark is lifted.
    await central.membership.orgs.create.mutate({ parentPath: "/01/", code: "01-e2e", name: "Đảng bộ phường Ba Đình", kind: "grassroots_committee", openedOn: "2020-01-01" }).catch((e: unknown) => {
      if (!(e instanceof TRPCClientError) || (e.data as { code?: string } | undefined)?.code !== "CONFLICT") throw e;
    });
    const committee = await browser.newPage();
    const committeeFrames = socketFrames(committee);
    await loginWithVneid(committee, "hanoiInspection", "/?tab=inspection");
    const ward = row(committee, "/01/01-e2e/");
    await expect(ward).toHaveAttribute("data-moving", "true", { timeout: 20_000 });
    await expect(ward.getByTestId("insp-unit-moving")).toHaveText(BADGE.vi);
    await expect(ward.getByTestId("insp-unit-moving")).toHaveAttribute("title", /^Đang sắp xếp: tổ chức này thuộc đơn vị đang được sắp xếp .* \/ Being restructured: this organization lies in a unit being restructured/);
    await expect(committee.getByTestId("socket-state")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
    await committee.evaluate(() => void ((window as unknown as { notReloaded?: boolean }).notReloaded = true));

    // Lifted: gone live from the board's page and from the committee's (the figures notice), neither reloaded.
    await mark(false, "inspection");
    await expect(row(page, "/01/")).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    await expect(page.getByTestId("insp-unit-moving")).toHaveCount(0);
    await expect(row(page, "/79/")).toHaveAttribute("data-moving", "false");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect(ward).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    await expect(committee.getByTestId("insp-unit-moving")).toHaveCount(0);
    expect(await committee.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // What the committee's socket carried of membership: the notice, never the event.
    expect(committeeFrames.some((f) => f.includes('"membership.figures.changed"'))).toBe(true);
    expect(committeeFrames.some((f) => f.includes('"membership.organization.marked"'))).toBe(false);
    await committee.close();
  });

  test("a viewer (Hà Nội's; its socket carries membership's figures notice, never its events): the KPI notice and Hà Nội's site badge come live with the mark and go with the unmark, no reload, in both languages", async ({ page, browser }) => {
    // Opened before the mark. The KPI snapshot and the province committees' read are kept (a minute, and until an
    // event): a notice within seconds on pages never reloaded is the figures notice's doing.
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoiViewer", "/?tab=kpi");
    await expect(page.getByTestId("kpi-admissions")).toContainText(/Chưa có dữ liệu|Đã kết nạp/, { timeout: 20_000 });
    await expect(page.getByTestId("kpi-moving")).toHaveCount(0);
    const conference = await browser.newPage();
    const conferenceFrames = socketFrames(conference);
    // A viewer of Hà Nội reads the conference through its own site (conference's scope: the conference's or a site's).
    await openConference(conference, "hanoiViewer", 1);
    const tile = conference.locator('[data-testid=site-tile][data-org-path="/01/"]');
    await expect(tile).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    const pages = [page, conference];
    for (const p of pages) await expect(p.getByTestId("socket-state")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
    for (const p of pages) await p.evaluate(() => void ((window as unknown as { notReloaded?: boolean }).notReloaded = true));

    expect(await mark(true, "viewer")).toMatchObject({ records: { marks: 1 } });
    const hanoi = client<Membership>(stack.services.membership!, await officialToken("hanoi"));
    const notice = (await hanoi.membership.orgs.get.query({ orgPath: "/01/" })).restructuring;
    expect(notice?.message).toMatch(/^Đang sắp xếp: .* \/ Being restructured: /);

    const kpiMoving = page.getByTestId("kpi-moving");
    await expect(kpiMoving).toContainText(notice!.message, { timeout: 20_000 });
    await expect(tile).toHaveAttribute("data-moving", "true", { timeout: 20_000 });
    const siteBadge = tile.getByTestId("site-tile-moving");
    for (const lang of ["vi", "en"] as const) {
      for (const p of pages) await setLanguage(p, lang);
      await expect(kpiMoving).toContainText(lang === "vi" ? "Đang sắp xếp tổ chức từ" : "Restructuring in progress since");
      await expect(siteBadge).toHaveText(BADGE[lang]);
      await expect(siteBadge).toHaveAttribute("title", /^Đang sắp xếp: .* \/ Being restructured: /);
      await page.screenshot({ path: `test-results/screens/kpi-moving-viewer-${lang}.png`, fullPage: true });
    }
    for (const p of pages) await setLanguage(p, "vi");

    await mark(false, "viewer");
    await expect(kpiMoving).toHaveCount(0, { timeout: 20_000 });
    await expect(tile).toHaveAttribute("data-moving", "false", { timeout: 20_000 });
    for (const p of pages) expect(await p.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // What the viewer's sockets carried of membership: the notice, never the event.
    for (const f of [frames, conferenceFrames]) {
      expect(f.some((x) => x.includes('"membership.figures.changed"'))).toBe(true);
      expect(f.some((x) => x.includes('"membership.organization.marked"'))).toBe(false);
    }
    await conference.close();
  });
});
