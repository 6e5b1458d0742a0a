import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { lazy, type ReactElement, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { i18n } from "i18next";
import { LazyScreen } from "../src/components/LazyScreen.js";
import { en } from "../src/i18n/en.js";
import { initI18n } from "../src/i18n/index.js";
import { vi as viRes } from "../src/i18n/vi.js";
import { TimelinePanel } from "../src/screens/conference/Panels.js";
import { InspectionFigures, UnitTable } from "../src/screens/InspectionScreen.js";
import { RestructuringNotice } from "../src/screens/KpiScreen.js";
import { StructureTable } from "../src/screens/kpi/StructurePanel.js";
import { CheckCell, StructureCompare } from "../src/screens/RestructuringScreen.js";
import { PersonnelUnit } from "../src/screens/PersonnelScreen.js";
import { nationalMarkOf, provinceMarksOf } from "../src/state/restructuring-marks.js";
import { PresenceLegend } from "../src/screens/conference/PresenceLegend.js";
import { ProvinceGrid } from "../src/screens/conference/ProvinceGrid.js";
import { SiteTiles } from "../src/screens/conference/SiteTiles.js";
import { foldConferenceEvents, fromSnapshot, withProvinces, withSites } from "../src/state/conference-state.js";
import { drop, live, report, sites, snapshot } from "./fixtures.js";

let i18nInstance: i18n;
beforeAll(async () => {
  // Mantine reads these browser APIs that jsdom lacks.
  const noop = () => undefined;
  if (typeof window.matchMedia !== "function") {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      value: (q: string) => ({ matches: false, media: q, addEventListener: noop, removeEventListener: noop, addListener: noop, removeListener: noop, onchange: null, dispatchEvent: () => false }),
    });
  }
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as never;
  i18nInstance = await initI18n("vi");
});

function wrap(node: ReactNode) {
  return render(
    <MantineProvider>
      <I18nextProvider i18n={i18nInstance}>{node}</I18nextProvider>
    </MantineProvider>,
  );
}

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

describe("screens", () => {
  it("has every Vietnamese string in English too", () => {
    expect(keys(en)).toEqual(keys(viRes));
  });

  it("draws one tile per site, coloured by presence state", () => {
    const s = foldConferenceEvents(withSites(fromSnapshot(snapshot()), sites(67)), [drop(5)]);
    wrap(<SiteTiles sites={s.sites} ids={s.siteIds} status={s.conference.status} marks={{}} />);
    const tiles = screen.getAllByTestId("site-tile");
    expect(tiles).toHaveLength(67);
    expect(tiles.filter((t) => t.dataset.state === "disconnected").map((t) => t.dataset.siteId)).toEqual(["s5"]);
    // coloured by presence: the dropped site is "lost" (red), the others connected (green)
    expect(tiles.filter((t) => t.dataset.presence === "lost").map((t) => t.dataset.siteId)).toEqual(["s5"]);
    expect(tiles.find((t) => t.dataset.siteId === "s5")!.style.background).toContain("--mantine-color-red-2");
    expect(tiles.find((t) => t.dataset.siteId === "s1")!.style.background).toContain("--mantine-color-green-1");
  });

  it("shows the province grid (national scale) with the same presence states: nobody red while sites are still joining", () => {
    const zero = { sites: 0, connected: 0, degraded: 0, disconnected: 0, checkedIn: 0, expectedAttendance: 0, presentCount: 0 };
    const joining = { never_heard: 200, not_yet_live: 0, connected: 40, degraded: 0, dropped: 0 };
    const dropped = { never_heard: 0, not_yet_live: 0, connected: 230, degraded: 5, dropped: 5 };
    const s = withProvinces(fromSnapshot(snapshot("10", {}, "connecting_sites")), [
      { ...live({ ...zero, sites: 240, connected: 40, disconnected: 200, phases: joining }, "connecting_sites"), orgPath: "/01/", name: null },
      { ...live({ ...zero, sites: 240, connected: 230, degraded: 5, disconnected: 5, phases: dropped }, "connecting_sites"), orgPath: "/79/", name: null },
    ]);
    wrap(<ProvinceGrid provinces={s.provinces!} status={s.conference.status} selected={null} onSelect={() => undefined} marks={{}} />);
    const tiles = screen.getAllByTestId("province-tile");
    const byPath: Record<string, HTMLElement> = Object.fromEntries(tiles.map((t) => [t.dataset.orgPath ?? "", t]));
    expect(byPath["/01/"]!.dataset.presence).toBe("connecting");
    expect(JSON.parse(byPath["/01/"]!.dataset.counts ?? "{}")).toMatchObject({ connecting: 200, connected: 40, lost: 0 });
    expect(byPath["/01/"]!.style.border).toContain("--mantine-color-blue-5");
    expect(byPath["/79/"]!.dataset.presence).toBe("lost");
    expect(byPath["/79/"]!.style.border).toContain("--mantine-color-red-5");
    expect(byPath["/01/"]!.textContent).toContain("200 đang kết nối");
  });

  it("lists every presence state with its count in the legend, in Vietnamese", () => {
    wrap(<PresenceLegend counts={{ not_connected: 3, connecting: 0, connected: 1, degraded: 1, lost: 1, left: 0 }} />);
    const items = screen.getAllByTestId("presence-count");
    expect(items.map((i) => [i.dataset.presence, i.dataset.count])).toEqual([
      ["not_connected", "3"], ["connecting", "0"], ["connected", "1"], ["degraded", "1"], ["lost", "1"], ["left", "0"],
    ]);
    expect(items[0]!.textContent).toBe("Chưa kết nối3");
    expect((items[4]!.querySelector("[data-testid=presence-swatch]") as HTMLElement).style.background).toContain("--mantine-color-red-6");
    expect((items[0]!.querySelector("[data-testid=presence-swatch]") as HTMLElement).style.background).toContain("--mantine-color-gray-6");
  });

  it("labels a tile with the site's short name, the full name in its title", () => {
    const named = sites(2).map((x, i) => ({ ...x, name: ["Điểm cầu Tỉnh ủy Hà Giang", "Điểm cầu Đảng ủy Quân đội Trung ương"][i]! }));
    const s = withSites(fromSnapshot(snapshot()), named);
    wrap(<SiteTiles sites={s.sites} ids={s.siteIds} status={s.conference.status} marks={{}} />);
    const labels = screen.getAllByTestId("site-tile-name");
    expect(labels.map((l) => [l.textContent, l.title])).toEqual([
      ["Quân đội Trung ương", "Điểm cầu Đảng ủy Quân đội Trung ương"],
      ["Hà Giang", "Điểm cầu Tỉnh ủy Hà Giang"],
    ]);
  });

  it("tells the timeline in Vietnamese with translated states and dd/mm-free times", () => {
    const s = foldConferenceEvents(withSites(fromSnapshot(snapshot()), sites(3)), [drop(2, { occurredAt: "2026-11-27T02:03:04Z" })]);
    wrap(<TimelinePanel entries={s.timeline} />);
    expect(screen.getByText("Điểm cầu 02: Mất kết nối")).toBeTruthy();
    expect(screen.getByText("09:03:04")).toBeTruthy();
  });
});

describe("the inspection panel", () => {
  it("shows the year's figures in Vietnamese: program, kinds, conducting bodies, discipline by form, deadlines, watch list", () => {
    wrap(<InspectionFigures report={report()} />);
    expect(screen.getByTestId("insp-program-items").textContent).toBe("12/17 nội dung đã hoàn thành (70,6%)");
    expect(screen.getByTestId("insp-inspections-orgs").textContent).toBe("15");
    expect(screen.getByTestId("insp-inspections-members").textContent).toBe("3");
    expect(screen.getByText("Khi có dấu hiệu vi phạm")).toBeTruthy();
    expect(screen.getAllByText("Ủy ban kiểm tra").length).toBe(2); // inspections and supervisions by conducting body
    expect(screen.getByTestId("insp-discipline-members-expulsion").textContent).toBe("1");
    expect(screen.getByTestId("insp-discipline-members-reprimand").textContent).toBe("9");
    // Dissolution is a form for organizations only; dismissal for members only.
    expect(screen.getByTestId("insp-discipline-members-dissolution").textContent).toBe("—");
    expect(screen.getByTestId("insp-discipline-orgs-dismissal").textContent).toBe("—");
    expect(screen.getByTestId("insp-overdue").textContent).toBe("1");
    expect(screen.getByTestId("insp-due-soon").textContent).toBe("2");
    expect([screen.getByTestId("insp-watch-added"), screen.getByTestId("insp-watch-closed"), screen.getByTestId("insp-watch-still")].map((e) => e.textContent)).toEqual(["18", "11", "7"]);
    // The day the figures stand at, dd/mm/yyyy.
    expect(screen.getByText(/^Số liệu tính đến ngày \d{2}\/\d{2}\/\d{4}$/)).toBeTruthy();
  });

  it("badges the units under it that are being restructured (orgs.children's notice), in Vietnamese, and only those", async () => {
    const message = "Đang sắp xếp: tổ chức này thuộc đơn vị đang được sắp xếp (từ 01/07/2025), số liệu chưa phải số cuối cùng / Being restructured: …";
    const units = [
      { path: "/02/", name: "Đảng bộ tỉnh Hà Giang", restructuring: { since: "2025-07-01T01:00:00.000Z", paths: ["/02/"], message } },
      { path: "/01/", name: "Đảng bộ Thành phố Hà Nội", restructuring: null },
      { path: "/12/", name: "Đảng bộ tỉnh Lai Châu" }, // a membership before 2.8 says nothing: no badge
    ];
    wrap(<UnitTable units={units} onDrillDown={() => undefined} />);
    const rows = screen.getAllByTestId("insp-unit-row");
    expect(rows.map((r) => [r.dataset.orgPath, r.dataset.moving])).toEqual([["/01/", "false"], ["/02/", "true"], ["/12/", "false"]]);
    const badges = screen.getAllByTestId("insp-unit-moving");
    expect(badges.map((b) => [b.textContent, b.getAttribute("title")])).toEqual([["Đang sắp xếp", message]]);
    await i18nInstance.changeLanguage("en");
    try {
      expect(screen.getByTestId("insp-unit-moving").textContent).toBe("Restructuring in progress");
    } finally {
      await i18nInstance.changeLanguage("vi");
    }
  });

  it("the KPI screen says its figures are not final while the scope is being restructured, in both languages; nothing otherwise", async () => {
    const notice = { since: "2026-11-20T02:03:00.000Z", paths: ["/02/"], message: "Đang sắp xếp: Đảng bộ tỉnh Hà Giang / Being restructured: Hà Giang" };
    const { unmount } = wrap(<RestructuringNotice notice={null} />);
    expect(screen.queryByTestId("kpi-moving")).toBeNull();
    unmount();
    wrap(<RestructuringNotice notice={notice} />);
    const alert = screen.getByTestId("kpi-moving");
    expect(alert.textContent).toContain("Đang sắp xếp tổ chức từ 20/11/2026");
    expect(alert.textContent).toContain("số liệu dưới đây chưa phải số liệu cuối cùng");
    expect(alert.textContent).toContain(notice.message);
    await i18nInstance.changeLanguage("en");
    try {
      expect(screen.getByTestId("kpi-moving").textContent).toContain("Restructuring in progress since 20/11/2026");
    } finally {
      await i18nInstance.changeLanguage("vi");
    }
  });

  it("the structure panel: the grassroots organizations, each kind that has any, the cells under committees and the members, in both languages", async () => {
    const byKind = { provincial_committee: 1, upper_grassroots_committee: 0, grassroots_committee: 12, grassroots_cell: 3, partial_committee: 2, subordinate_cell: 1204 };
    const s = {
      orgPath: "/01/",
      on: "2026-12-06",
      organizations: { total: 1222, byKind, grassroots: 15, cellsUnderGrassrootsCommittees: 1190, cellsUnderPartialCommittees: 14 },
      members: { official: 10250, probationary: 312, total: 10562 },
    };
    wrap(<StructureTable s={s} />);
    const rows = () => screen.getAllByTestId("structure-row").map((r) => [r.dataset.key, r.textContent]);
    expect(rows()).toEqual([
      ["organizations", "Tổ chức đảng1.222"],
      ["grassroots", "Tổ chức cơ sở đảng15"],
      ["provincial_committee", "Đảng bộ tỉnh, thành phố1"],
      ["grassroots_committee", "Đảng bộ cơ sở12"],
      ["grassroots_cell", "Chi bộ cơ sở3"],
      ["partial_committee", "Đảng bộ bộ phận2"],
      ["subordinate_cell", "Chi bộ trực thuộc1.204"],
      ["cellsUnderGrassroots", "Chi bộ trực thuộc đảng ủy cơ sở1.190"],
      ["cellsUnderPartial", "Chi bộ trực thuộc đảng ủy bộ phận14"],
    ]);
    expect(screen.getByTestId("structure-members").textContent).toBe("10.562");
    expect(screen.getByText("Chính thức 10.250 · Dự bị 312")).toBeTruthy();
    await i18nInstance.changeLanguage("en");
    try {
      expect(rows()[1]).toEqual(["grassroots", "Grassroots party organizations15"]);
      expect(screen.getByText("Official 10,250 · Probationary 312")).toBeTruthy();
    } finally {
      await i18nInstance.changeLanguage("vi");
    }
  });

  it("the progress tab's check: ok with the officials awaiting reassignment (verify's identity census), in both languages; nothing when none or withheld", async () => {
    const province = (records: Record<string, number> | null) => ({
      provinceCode: "08", name: "Tỉnh Tuyên Quang", orgCode: "08-2025", orgPath: "/08-2025/", sourceOrgPaths: ["/02/", "/08/"], status: "done" as const,
      stepsDone: 10, stepsTotal: 10, changes: { create: 8, update: 0, close: 19, reparent: 37 }, membersBefore: 7107, membersAfter: 7107,
      steps: [{ step: "verify", status: "done" as const, attempt: 1, records, error: null }], error: null,
    });
    const { unmount } = wrap(<CheckCell p={province({ members: 7107, "identity.onClosed": 0, "identity.awaitingReassignment": 1234 })} withheld={false} />);
    expect(screen.getByText("Đạt")).toBeTruthy();
    const awaiting = screen.getByTestId("restr-row-awaiting");
    expect(awaiting.textContent).toBe("1.234 cán bộ chờ phân công lại");
    expect(awaiting.title).toContain("không xem được dữ liệu cho đến khi ban tổ chức phân công lại");
    await i18nInstance.changeLanguage("en");
    try {
      expect(screen.getByTestId("restr-row-awaiting").textContent).toBe("1,234 official(s) awaiting reassignment");
    } finally {
      await i18nInstance.changeLanguage("vi");
    }
    unmount();
    const none = wrap(<CheckCell p={province({ members: 7107, "identity.onClosed": 0, "identity.awaitingReassignment": 0 })} withheld={false} />);
    expect(screen.queryByTestId("restr-row-awaiting")).toBeNull();
    none.unmount();
    wrap(<CheckCell p={province(null)} withheld />);
    expect(screen.queryByTestId("restr-row-awaiting")).toBeNull();
    expect(screen.getByText("—")).toBeTruthy();
  });

  it("the progress tab's structure before and after (1.13): the whole run, then one province picked, in both languages; nothing without figures", async () => {
    const row = (provinceCode: string, name: string, before: Record<string, number>, after: Record<string, number>) => ({
      provinceCode, name, orgCode: provinceCode, orgPath: `/${provinceCode}/`, sourceOrgPaths: [`/${provinceCode}/`], status: "done" as const,
      stepsDone: 6, stepsTotal: 6, changes: { create: 0, update: 0, close: 0, reparent: 0 }, membersBefore: 1, membersAfter: 1, steps: [], error: null, structure: { before, after },
    });
    const provinces = [
      row("08", "Tỉnh Tuyên Quang", { provincial_committee: 2, upper_grassroots_committee: 19, grassroots_committee: 1200, subordinate_cell: 4000 }, { provincial_committee: 1, grassroots_committee: 150, subordinate_cell: 5140 }),
      row("12", "Tỉnh Lai Châu", { provincial_committee: 1, upper_grassroots_committee: 8, grassroots_committee: 300 }, { provincial_committee: 1, grassroots_committee: 38 }),
    ];
    const cells = (kind: string) => [...screen.getByTestId(`restr-structure-${kind}`).querySelectorAll("td")].map((td) => td.textContent);
    const view = wrap(<StructureCompare provinces={provinces} />);
    expect(screen.getByTestId("restr-structure").dataset["scope"]).toBe("all");
    expect(cells("upper_grassroots_committee")).toEqual(["Đảng bộ cấp trên cơ sở", "27", "0", "−27"]);
    expect(cells("grassroots_committee")).toEqual(["Đảng bộ cơ sở", "1.500", "188", "−1.312"]);
    expect(cells("subordinate_cell")).toEqual(["Chi bộ trực thuộc", "4.000", "5.140", "+1.140"]);
    expect(cells("provincial_committee")).toEqual(["Đảng bộ tỉnh, thành phố", "3", "2", "−1"]);
    expect(screen.queryByTestId("restr-structure-partial_committee")).toBeNull(); // none before or after
    expect(screen.getByText("Cơ cấu tổ chức đảng trước và sau sắp xếp")).toBeTruthy();
    await i18nInstance.changeLanguage("en");
    try {
      expect(cells("grassroots_committee")).toEqual(["Grassroots committees", "1,500", "188", "−1,312"]);
      expect(screen.getByText("Party organization structure before and after")).toBeTruthy();
    } finally {
      await i18nInstance.changeLanguage("vi");
    }
    view.unmount();
    // one province (what the picker sets): its own figures
    const one = wrap(<StructureCompare provinces={[provinces[1]!]} />);
    expect(screen.queryByTestId("restr-structure-scope")).toBeNull(); // one province: nothing to pick
    expect(cells("grassroots_committee")).toEqual(["Đảng bộ cơ sở", "300", "38", "−262"]);
    one.unmount();
    // withheld (a board below its province) or a row started before 1.13: no panel
    wrap(<StructureCompare provinces={[{ ...provinces[0]!, structure: null }]} />);
    expect(screen.queryByTestId("restr-structure")).toBeNull();
  });

  it("says an empty program is empty instead of 0 %, and groups thousands the Vietnamese way", () => {
    wrap(<InspectionFigures report={report({ program: { items: 0, completed: 0, percent: null }, watchList: { added: 1179, closed: 0, stillWatched: 1179 } })} />);
    expect(screen.getByText("Chương trình năm chưa có nội dung nào")).toBeTruthy();
    expect(screen.getByTestId("insp-watch-added").textContent).toBe("1.179");
  });
});

describe("\"Đang sắp xếp\" on the personnel and conference panels (membership's notices)", () => {
  const since = "2025-07-01T01:00:00.000Z";
  const notice = (path: string) => ({ since, paths: [path], message: `Đang sắp xếp: tổ chức này thuộc đơn vị đang được sắp xếp (từ 01/07/2025) ${path} / Being restructured: … ${path}` });
  // What orgs.list of the province committees answers: Hà Giang marked, Hà Nội not, a membership before 2.7 silent.
  const committees = [
    { path: "/02/", name: "Đảng bộ tỉnh Hà Giang", restructuring: notice("/02/") },
    { path: "/01/", name: "Đảng bộ Thành phố Hà Nội", restructuring: null },
    { path: "/79/", name: "Đảng bộ Thành phố Hồ Chí Minh" },
  ];

  async function inEnglish(check: () => void) {
    await i18nInstance.changeLanguage("en");
    try {
      check();
    } finally {
      await i18nInstance.changeLanguage("vi");
    }
  }

  it("keys the marked province committees by path; the national scope is marked while any of them is", () => {
    expect(provinceMarksOf(committees)).toEqual({ "/02/": notice("/02/") });
    expect(nationalMarkOf(committees.filter((c) => c.path !== "/02/"))).toBeNull();
    const later = { ...notice("/08/"), since: "2025-07-02T01:00:00.000Z" };
    const national = nationalMarkOf([...committees, { path: "/08/", name: "Đảng bộ tỉnh Tuyên Quang", restructuring: later }]);
    expect(national).toEqual({ since, paths: ["/02/", "/08/"], message: `Đảng bộ tỉnh Hà Giang: ${notice("/02/").message}\nĐảng bộ tỉnh Tuyên Quang: ${later.message}` });
  });

  it("the personnel panel's unit carries the badge, membership's message as its tooltip; nothing without a notice", async () => {
    const { unmount } = wrap(<PersonnelUnit label="Hà Nội" notice={null} />);
    expect(screen.getByTestId("pers-unit").textContent).toBe("Hà Nội");
    expect(screen.queryByTestId("pers-unit-moving")).toBeNull();
    unmount();
    wrap(<PersonnelUnit label="Hà Giang" notice={notice("/02/")} />);
    const badge = screen.getByTestId("pers-unit-moving");
    expect([badge.textContent, badge.getAttribute("title")]).toEqual(["Đang sắp xếp", notice("/02/").message]);
    await inEnglish(() => expect(screen.getByTestId("pers-unit-moving").textContent).toBe("Restructuring in progress"));
  });

  it("the national conference's province tiles: the badge on the marked province only", async () => {
    const zero = { sites: 2, connected: 2, degraded: 0, disconnected: 0, checkedIn: 0, expectedAttendance: 20, presentCount: 0 };
    const s = withProvinces(fromSnapshot(snapshot()), ["/01/", "/02/", "/79/"].map((orgPath) => ({ ...live(zero), orgPath, name: null })));
    const { unmount } = wrap(<ProvinceGrid provinces={s.provinces!} status={s.conference.status} selected={null} onSelect={() => undefined} marks={{}} />);
    expect(screen.getAllByTestId("province-tile").map((t) => t.dataset.moving)).toEqual(["false", "false", "false"]);
    expect(screen.queryByTestId("province-moving")).toBeNull();
    unmount();
    wrap(<ProvinceGrid provinces={s.provinces!} status={s.conference.status} selected={null} onSelect={() => undefined} marks={provinceMarksOf(committees)} />);
    const tiles = screen.getAllByTestId("province-tile");
    // Hà Giang, not among the 34 provinces since 2025, comes after them in the grid's official order.
    expect(tiles.map((t) => [t.dataset.orgPath, t.dataset.moving])).toEqual([["/01/", "false"], ["/79/", "false"], ["/02/", "true"]]);
    const badges = screen.getAllByTestId("province-moving");
    expect(badges.map((b) => [b.closest("[data-testid=province-tile]")?.getAttribute("data-org-path"), b.textContent, b.getAttribute("title")])).toEqual([["/02/", "Đang sắp xếp", notice("/02/").message]]);
    await inEnglish(() => expect(screen.getByTestId("province-moving").textContent).toBe("Restructuring in progress"));
  });

  it("a smaller conference's site tiles: the badge on each site of a marked province, not on the others", () => {
    const s = withSites(fromSnapshot(snapshot()), sites(4)); // s1, s3 under /01/; s2, s4 under /79/
    const { unmount } = wrap(<SiteTiles sites={s.sites} ids={s.siteIds} status={s.conference.status} marks={{}} />);
    expect(screen.queryByTestId("site-tile-moving")).toBeNull();
    unmount();
    wrap(<SiteTiles sites={s.sites} ids={s.siteIds} status={s.conference.status} marks={{ "/79/": notice("/79/") }} />);
    const tiles = screen.getAllByTestId("site-tile");
    expect(tiles.filter((t) => t.dataset.moving === "true").map((t) => t.dataset.siteId).sort()).toEqual(["s2", "s4"]);
    const badges = screen.getAllByTestId("site-tile-moving");
    expect(badges.map((b) => [b.closest("[data-testid=site-tile]")?.getAttribute("data-site-id"), b.getAttribute("title")]).sort()).toEqual([["s2", notice("/79/").message], ["s4", notice("/79/").message]]);
  });
});

describe("a screen loaded on demand", () => {
  function renderLazy() {
    let resolve!: (m: { default: () => ReactElement }) => void;
    let reject!: (e: unknown) => void;
    const chunk = new Promise<{ default: () => ReactElement }>((res, rej) => ((resolve = res), (reject = rej)));
    const Screen = lazy(() => chunk);
    wrap(<LazyScreen><Screen /></LazyScreen>);
    return { resolve, reject };
  }

  it("says it is loading, in Vietnamese, until its chunk arrives", async () => {
    const chunk = renderLazy();
    expect(screen.getByTestId("screen-loading").textContent).toBe("Đang tải…");
    chunk.resolve({ default: () => <p data-testid="kpi">KPI</p> });
    expect(await screen.findByTestId("kpi")).toBeTruthy();
    expect(screen.queryByTestId("screen-loading")).toBeNull();
  });

  it("offers a reload instead of a blank page when its chunk cannot be fetched", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined); // React logs the caught error
    const chunk = renderLazy();
    chunk.reject(new TypeError("Failed to fetch dynamically imported module: /assets/KpiScreen-x.js"));
    const alert = await screen.findByTestId("screen-error");
    expect(alert.textContent).toContain("Không tải được màn hình này");
    expect(alert.textContent).toContain("Failed to fetch dynamically imported module");
    expect(screen.getByRole("button", { name: "Thử lại" })).toBeTruthy();
    quiet.mockRestore();
  });
});
