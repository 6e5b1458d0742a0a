import { describe, expect, it } from "vitest";
import { officialFromClaims, canUseOrganizerConsole, canUseSiteConsole, canSeeKpi } from "../src/auth/official.js";
import { parseRuntimeConfig } from "../src/config/runtime-config.js";
import { Drafts } from "../src/drafts/drafts.js";
import { visibleTabs } from "../src/App.js";

describe("runtime config", () => {
  it("accepts the documented shape and fills defaults", () => {
    const c = parseRuntimeConfig({
      identity: { url: "http://127.0.0.1:4100" },
      services: { membership: "http://127.0.0.1:4001" },
      realtimeUrl: "http://127.0.0.1:4010",
    });
    expect(c.identity).toMatchObject({ realm: "orgboard", clientId: "dashboard" });
    expect(c.defaultLanguage).toBe("vi");
  });

  it("takes an inspection service, and works without one (its panel then says unavailable)", () => {
    const base = { identity: { url: "http://127.0.0.1:4100" }, realtimeUrl: "http://127.0.0.1:4010" };
    expect(parseRuntimeConfig({ ...base, services: { membership: "http://127.0.0.1:4001", inspection: "http://127.0.0.1:4006" } }).services.inspection).toBe("http://127.0.0.1:4006");
    expect(parseRuntimeConfig({ ...base, services: { membership: "http://127.0.0.1:4001" } }).services.inspection).toBeUndefined();
    expect(() => parseRuntimeConfig({ ...base, services: { inspection: "not a url" } })).toThrow(/services\.inspection/);
  });

  it("names every bad field", () => {
    expect(() => parseRuntimeConfig({ identity: { url: "nope" }, services: { Membership: "x" } })).toThrow(
      /identity\.url.*services\.Membership.*realtimeUrl/s,
    );
  });
});

describe("official from token claims", () => {
  const claims = {
    sub: "u-1",
    name: "Nguyễn Thị Hoa",
    preferred_username: "hoa.nt",
    realm_access: { roles: ["provincial_board", "offline_access", "conference_operator"] },
    org_paths: ["/01/01-007/", "/01/", "bad path"],
  };

  it("keeps known roles and the minimal set of valid org paths", () => {
    const o = officialFromClaims(claims);
    expect(o).toEqual({ subject: "u-1", name: "Nguyễn Thị Hoa", username: "hoa.nt", roles: ["provincial_board", "conference_operator"], orgPaths: ["/01/"] });
    expect(canUseOrganizerConsole(o)).toBe(true);
    expect(canUseSiteConsole(o)).toBe(false);
    expect(canSeeKpi(o)).toBe(true);
    expect(visibleTabs(o)).toEqual(["conference", "kpi", "inspection", "personnel", "restructuring", "organizer"]);
  });

  it("shows consoles only to their roles", () => {
    const op = officialFromClaims({ sub: "u-2", realm_access: { roles: ["site_operator"] }, org_paths: ["/01/01-007/"] });
    expect(op.name).toBe("u-2");
    expect(visibleTabs(op)).toEqual(["conference", "siteOperator"]);
  });

  it("shows an auditor the audit trail only (conference refuses auditors); a board that is also auditor both", () => {
    const auditor = officialFromClaims({ sub: "u-3", realm_access: { roles: ["auditor"] }, org_paths: ["/01/"] });
    expect(visibleTabs(auditor)).toEqual(["audit"]);
    const both = officialFromClaims({ sub: "u-4", realm_access: { roles: ["provincial_board", "auditor"] }, org_paths: ["/01/"] });
    expect(visibleTabs(both)).toEqual(["conference", "kpi", "inspection", "personnel", "restructuring", "audit"]);
  });

  it("shows the personnel panel to the boards and personnel officers, not to inspection committees or viewers", () => {
    const officer = officialFromClaims({ sub: "u-5", realm_access: { roles: ["personnel_officer"] }, org_paths: ["/01/"] });
    expect(visibleTabs(officer)).toContain("personnel");
    expect(visibleTabs(officer)).not.toContain("inspection");
    for (const role of ["inspection_committee", "viewer"]) {
      expect(visibleTabs(officialFromClaims({ sub: "u-6", realm_access: { roles: [role] }, org_paths: ["/01/"] }))).not.toContain("personnel");
    }
  });

  it("shows the inspection panel to the boards and inspection committees, not to viewers or personnel", () => {
    const tabs = (roles: string[]) => visibleTabs(officialFromClaims({ sub: "u", realm_access: { roles }, org_paths: ["/01/"] }));
    expect(tabs(["inspection_committee"])).toEqual(["conference", "kpi", "inspection"]);
    expect(tabs(["central_board"])).toContain("inspection");
    expect(tabs(["viewer"])).not.toContain("inspection");
    expect(tabs(["personnel_officer"])).not.toContain("inspection");
  });

  it("shows the restructuring progress to the boards only (restructuring decides which plans)", () => {
    const tabs = (roles: string[]) => visibleTabs(officialFromClaims({ sub: "u", realm_access: { roles }, org_paths: ["/"] }));
    expect(tabs(["central_board"])).toContain("restructuring");
    expect(tabs(["provincial_board"])).toContain("restructuring");
    for (const role of ["viewer", "inspection_committee", "personnel_officer", "conference_operator", "site_operator", "auditor"]) expect(tabs([role]), role).not.toContain("restructuring");
  });

  it("refuses a token without a subject", () => {
    expect(() => officialFromClaims({ name: "x" })).toThrow(/subject/);
  });
});

describe("drafts", () => {
  it("survive in sessionStorage per official and are dropped for another official", () => {
    sessionStorage.clear();
    const mine = new Drafts(sessionStorage, "u-1");
    mine.save("conclusion.c1", "Hội nghị thống nhất");
    expect(new Drafts(sessionStorage, "u-1").load("conclusion.c1")).toBe("Hội nghị thống nhất");
    expect(mine.keys()).toEqual(["conclusion.c1"]);

    const other = new Drafts(sessionStorage, "u-2");
    expect(other.load("conclusion.c1")).toBeUndefined();
    other.dropOthers();
    expect(mine.load("conclusion.c1")).toBeUndefined();
  });

  it("forget a corrupt entry instead of throwing", () => {
    sessionStorage.clear();
    sessionStorage.setItem("orgboard.draft.u-1.x", "{not json");
    const d = new Drafts(sessionStorage, "u-1");
    expect(d.load("x")).toBeUndefined();
    expect(sessionStorage.getItem("orgboard.draft.u-1.x")).toBeNull();
    d.save("y", { name: "Lê Văn Tám" });
    d.clear("y");
    expect(d.load("y")).toBeUndefined();
  });
});
