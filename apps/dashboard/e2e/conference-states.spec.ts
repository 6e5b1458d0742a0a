import { SITE_PRESENCE_STATES, type conferenceContract, type SitePresence } from "@orgboard/contract-conference";
import type { ContractsRouter } from "@orgboard/contracts";
import type { Page } from "@playwright/test";
import { createTRPCClient, httpLink } from "@trpc/client";
import { officialToken, serviceToken } from "./api.js";
import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";

// Issue #15: the live conference screen says what each site's presence is — not yet connected,
// connecting, connected, unstable, lost, left — with the right counts and colours, in each state of a
// conference (scheduled, connecting, in session with a drop, concluded), in Vietnamese and English, on a
// desktop and a 768-px tablet. The conference is run through the real conference API (organizer) and
// the real bridge endpoint (the `conference` service account), so counts come from the service.

type Client = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof conferenceContract]>>>;

const SITES = [
  { code: "01", name: "Điểm cầu Thành ủy Hà Nội", orgPath: "/01/", chairName: "Trần Thị Bình", expectedAttendance: 60 },
  { code: "08", name: "Điểm cầu Tỉnh ủy Tuyên Quang", orgPath: "/08/", chairName: "Lê Thị Kim Dung", expectedAttendance: 40 },
  { code: "31", name: "Điểm cầu Thành ủy Hải Phòng", orgPath: "/31/", chairName: "Phạm Văn Hải", expectedAttendance: 45 },
  { code: "48", name: "Điểm cầu Thành ủy Đà Nẵng", orgPath: "/48/", chairName: "Nguyễn Văn Quảng", expectedAttendance: 45 },
  { code: "79", name: "Điểm cầu Thành ủy Hồ Chí Minh", orgPath: "/79/", chairName: "Võ Văn Minh", expectedAttendance: 80 },
  { code: "QDTW", name: "Điểm cầu Đảng ủy Quân đội Trung ương", orgPath: "/QDTW/", chairName: "Phạm Văn Hùng", expectedAttendance: 30 },
];

/** The Mantine palette each state must be drawn in (red only for a site lost after being connected). */
const PALETTE: Record<SitePresence, string> = { not_connected: "gray", connecting: "blue", connected: "green", degraded: "yellow", lost: "red", left: "violet" };
const LABEL: Record<"vi" | "en", Record<SitePresence, string>> = {
  vi: { not_connected: "Chưa kết nối", connecting: "Đang kết nối", connected: "Đã kết nối", degraded: "Chập chờn", lost: "Mất kết nối", left: "Đã rời hội nghị" },
  en: { not_connected: "Not yet connected", connecting: "Connecting", connected: "Connected", degraded: "Unstable", lost: "Lost connection", left: "Left" },
};
const STATUS_LABEL = {
  vi: { scheduled: "Sắp diễn ra", connecting_sites: "Đang kết nối điểm cầu", in_session: "Đang diễn ra", concluded: "Đã bế mạc" },
  en: { scheduled: "Scheduled", connecting_sites: "Connecting sites", in_session: "In session", concluded: "Concluded" },
} as const;
const WIDTHS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 768, height: 1024 },
] as const;

const title = `Hội nghị kiểm thử trạng thái điểm cầu ${Date.now().toString(36)}`;
let organizer: Client;
let conferenceId = "";
const siteId: Record<string, string> = {};
/** What the bridge reports for each live site, every 2.5 s (the service degrades a site silent for 10 s). */
const quality = new Map<string, number>();
let beating: NodeJS.Timeout | null = null;
let bridge: () => Promise<string>;
const start = new Date(Date.now() + 30 * 60_000);

async function beat(): Promise<void> {
  if (quality.size === 0) return;
  const at = new Date().toISOString();
  const res = await fetch(`${stack.services.conference}/bridge/heartbeats`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await bridge()}` },
    body: JSON.stringify({ heartbeats: [...quality].map(([code, q]) => ({ siteId: siteId[code], at, quality: q })) }),
  });
  if (!res.ok) throw new Error(`bridge heartbeats: HTTP ${res.status} ${await res.text()}`);
}

/** Sets what the bridge reports and waits until the service has applied it. */
async function report(q: Record<string, number>): Promise<void> {
  for (const [code, v] of Object.entries(q)) quality.set(code, v);
  await beat();
}

const vnDate = (d: Date) => d.toLocaleDateString("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }); // dd/mm/yyyy

async function openMine(page: Page): Promise<void> {
  await loginWithVneid(page, "central");
  await page.getByTestId("conference-picker").click();
  const option = page.getByRole("option", { name: new RegExp(title) });
  // Each option names the status and the date (dd/mm/yyyy), not only the title.
  await expect(option).toContainText(vnDate(start));
  await expect(option).toContainText(/Sắp diễn ra|Đang kết nối điểm cầu|Đang diễn ra|Đã bế mạc/);
  await option.click();
  await expect(page.getByTestId("conference-title")).toHaveText(title);
}

async function setLanguage(page: Page, lang: "vi" | "en"): Promise<void> {
  await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
  await expect(page.getByTestId("nav-conference").or(page.getByRole("tab").first())).toBeVisible();
}

/**
 * In both languages and at both widths: the status, each state's count in the legend and on the tiles,
 * each state's colour (the swatch is the palette's own colour; a tile of a site not yet connected is not
 * red), the "lost" counter; then a screenshot.
 */
async function checkState(page: Page, shot: string, status: keyof (typeof STATUS_LABEL)["vi"], expected: Partial<Record<SitePresence, number>>) {
  const counts = Object.fromEntries(SITE_PRESENCE_STATES.map((p) => [p, expected[p] ?? 0])) as Record<SitePresence, number>;
  await expect(page.getByTestId("conference-status")).toHaveAttribute("data-status", status, { timeout: 20_000 });
  for (const lang of ["vi", "en"] as const) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await setLanguage(page, lang);
    for (const w of WIDTHS) {
      await page.setViewportSize({ width: w.width, height: w.height });
      await expect(page.getByTestId("conference-status")).toHaveText(STATUS_LABEL[lang][status]);
      for (const p of SITE_PRESENCE_STATES) {
        const item = page.locator(`[data-testid=presence-count][data-presence=${p}]`);
        await expect(item, `${p} in the legend (${lang}, ${w.name})`).toHaveAttribute("data-count", String(counts[p]), { timeout: 20_000 });
        await expect(item).toContainText(LABEL[lang][p]);
        await expect(item.getByTestId("presence-value")).toHaveText(String(counts[p]));
        await expect(page.locator(`[data-testid=site-tile][data-presence=${p}]`), `${p} tiles`).toHaveCount(counts[p]);
        const [swatch, palette] = await item.getByTestId("presence-swatch").evaluate((el, name) => {
          const probe = document.createElement("div");
          probe.style.background = `var(--mantine-color-${name}-6)`;
          document.body.append(probe);
          const want = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return [getComputedStyle(el).backgroundColor, want];
        }, PALETTE[p]);
        expect(swatch, `${p} is drawn in ${PALETTE[p]}`).toBe(palette);
      }
      await expect(page.getByTestId("counter-lost")).toHaveText(String(counts.lost));
      await expect(page.getByTestId("counter-connected")).toHaveText(`${counts.connected}/${SITES.length}`);
      // A site that has not joined is never drawn red.
      for (const tile of await page.locator("[data-testid=site-tile][data-presence=not_connected], [data-testid=site-tile][data-presence=connecting]").all()) {
        const bg = await tile.evaluate((el) => (el as HTMLElement).style.background);
        expect(bg).not.toContain("red");
      }
      await page.screenshot({ path: `test-results/screens/conference-${shot}-${lang}-${w.name}.png`, fullPage: true });
    }
  }
  await setLanguage(page, "vi");
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.describe("conference states on the live screen (#15)", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  test.beforeEach(() => requires("identity", "conference", "realtime", "simulator"));

  test.beforeAll(async () => {
    if (["identity", "conference", "simulator"].some((p) => stack.missing?.[p])) return;
    const token = await officialToken("organizer");
    organizer = createTRPCClient({ links: [httpLink({ url: `${stack.services.conference}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] });
    bridge = await serviceToken("conference");
    const c = await organizer.conference.create.mutate({
      title,
      orgPath: "/",
      organizerName: "Ban Tổ chức Trung ương",
      chairName: "Mai Văn Chính",
      chairTitle: "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương",
      mode: "online",
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      agenda: [
        { title: "Khai mạc", kind: "opening", plannedMinutes: 5 },
        { title: "Báo cáo", kind: "report", plannedMinutes: 30 },
        { title: "Kết luận", kind: "closing", plannedMinutes: 15 },
      ],
      sites: SITES,
    });
    conferenceId = c.id;
    for (const s of (await organizer.conference.sites.list.query({ conferenceId, limit: 200 })).items) siteId[s.code] = s.id;
    beating = setInterval(() => void beat().catch(() => undefined), 2_500);
  });
  test.afterAll(() => {
    if (beating) clearInterval(beating);
  });

  test("scheduled: every site not yet connected (grey), none lost", async ({ page }) => {
    await openMine(page);
    await checkState(page, "scheduled", "scheduled", { not_connected: 6 });
  });

  test("connecting: sites not heard from yet are connecting (blue), one connected, one unstable", async ({ page }) => {
    await organizer.conference.startConnecting.mutate({ conferenceId });
    await report({ "01": 0.95, "79": 0.45 });
    await openMine(page);
    await checkState(page, "connecting", "connecting_sites", { connecting: 4, connected: 1, degraded: 1 });
  });

  test("in session with a drop: the dropped site is lost (red), the silent ones not yet connected", async ({ page }) => {
    await report({ QDTW: 0.9 });
    await organizer.conference.openSession.mutate({ conferenceId });
    await openMine(page);
    // Live: the drop arrives over the socket while the screen is open.
    await expect(page.locator("[data-testid=presence-count][data-presence=connected]")).toHaveAttribute("data-count", "2", { timeout: 20_000 });
    await report({ QDTW: 0 });
    await checkState(page, "in-session-drop", "in_session", { not_connected: 3, connected: 1, degraded: 1, lost: 1 });
  });

  test("concluded: the sites that were on the bridge have left, the others never connected", async ({ page }) => {
    quality.clear();
    await organizer.conference.conclude.mutate({ conferenceId });
    await openMine(page);
    await checkState(page, "concluded", "concluded", { not_connected: 3, left: 3 });
  });
});
