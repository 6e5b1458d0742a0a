import { describe, expect, it } from "vitest";
import { isOrgPath, parseDocumentNumber } from "../../src/domain/index.js";
import { planConference, type Action } from "../../src/simulator/index.js";

const at = (actions: Action[], kind: Action["kind"]) => actions.filter((a) => a.kind === kind);

describe("planConference", () => {
  it("is deterministic from the seed, and the seed matters", () => {
    const a = planConference({ sites: 67, seed: 42 });
    const b = planConference({ sites: 67, seed: 42 });
    const c = planConference({ sites: 67, seed: 43 });
    expect(b).toEqual(a);
    expect(c.actions).not.toEqual(a.actions);
    expect(planConference({ sites: 67, seed: "demo" })).toEqual(planConference({ sites: 67, seed: "demo" }));
  });

  it("67 sites = the 63 provinces and 4 central committees of the 2020–2025 term", () => {
    const plan = planConference({ sites: 67, seed: 1 });
    expect(plan.edition).toBe("2024");
    expect(plan.sites).toHaveLength(67);
    expect(new Set(plan.sites.map((s) => s.code)).size).toBe(67);
    expect(plan.sites.filter((s) => /^\/\d\d\/$/.test(s.orgPath))).toHaveLength(63);
    expect(plan.sites.find((s) => s.orgPath === "/08/")).toMatchObject({ name: "Điểm cầu Tỉnh ủy Tuyên Quang", chairName: "Lê Thị Kim Dung" });
    expect(plan.sites.find((s) => s.orgPath === "/01/")?.name).toBe("Điểm cầu Thành ủy Hà Nội");
    for (const s of plan.sites) {
      expect(isOrgPath(s.orgPath), s.orgPath).toBe(true);
      expect(s.expectedAttendance).toBeGreaterThan(0);
    }
  });

  it("40 sites = the 34 provinces and 6 central committees after the 2025 reorganization", () => {
    const plan = planConference({ sites: 40, seed: 1 });
    expect(plan.edition).toBe("2025");
    expect(plan.sites.filter((s) => /^\/\d\d\/$/.test(s.orgPath))).toHaveLength(34);
    expect(plan.sites.map((s) => s.code)).toContain("CPTW");
  });

  it("16,240 sites reach districts, communes and grassroots organizations, each inside its province", () => {
    const plan = planConference({ sites: 16_240, seed: 7 });
    expect(plan.sites).toHaveLength(16_240);
    expect(new Set(plan.sites.map((s) => s.code)).size).toBe(16_240);
    expect(new Set(plan.sites.map((s) => s.orgPath)).size).toBe(16_240);
    for (const s of plan.sites) expect(isOrgPath(s.orgPath), s.orgPath).toBe(true);
    expect(plan.sites.some((s) => s.orgPath.split("/").length === 5)).toBe(true);
    expect(plan.sites.some((s) => s.code.includes("-CS"))).toBe(true);
  });

  it("plays the whole lifecycle in a legal order", () => {
    const { actions, expect: e, sites } = planConference({ sites: 67, seed: 3 });
    const kinds = actions.map((a) => a.kind);
    expect(kinds[0]).toBe("startConnecting");
    expect(kinds.at(-1)).toBe("conclude");
    expect(kinds.indexOf("openSession")).toBeLessThan(kinds.indexOf("nextItem"));
    expect(at(actions, "nextItem")).toHaveLength(5);
    for (let i = 1; i < actions.length; i++) expect(actions[i]!.at).toBeGreaterThanOrEqual(actions[i - 1]!.at);
    // Nothing happens to the site that never connects, and one site checks in per connecting site.
    expect(e.neverConnects).not.toBeNull();
    expect(actions.some((a) => "site" in a && a.site === e.neverConnects)).toBe(false);
    expect(at(actions, "checkIn")).toHaveLength(sites.length - 1);
    expect(e.checkedIn).toBe(66);
    expect(e.lateSites.length).toBeGreaterThan(0);
    expect(e.drops).toBeGreaterThanOrEqual(3);
    expect(e.refusedFloor).toBe(1);
    expect(e.speeches).toBe(e.speakers - e.withdrawn);
  });

  it("only checks a site in once its link is up, and gives the floor only after registering", () => {
    const { actions } = planConference({ sites: 67, seed: 11 });
    const link = new Map<string, number>();
    const registered = new Set<string>();
    for (const a of actions) {
      if (a.kind === "link") link.set(a.site, a.quality);
      if (a.kind === "checkIn") expect(link.get(a.site) ?? 0, `check-in of ${a.site}`).toBeGreaterThan(0.2);
      if (a.kind === "register") registered.add(a.site);
      if (a.kind === "giveFloor") {
        expect(registered.has(a.site)).toBe(true);
        expect((link.get(a.site) ?? 0) < 0.2).toBe(a.refused);
      }
    }
  });

  it("disseminates the three documents of the Q1-2024 conference, with valid numbers", () => {
    const { actions } = planConference({ sites: 67, seed: 1 });
    const [d] = at(actions, "disseminate");
    expect(d && d.kind === "disseminate" && d.documents.map((x) => x.number)).toEqual(["137-QĐ/TW", "138-QĐ/TW", "26-HD/BTCTW"]);
    if (d?.kind === "disseminate") for (const doc of d.documents) expect(parseDocumentNumber(doc.number).ok).toBe(true);
  });

  it("works for tiny conferences and refuses nonsense", () => {
    const one = planConference({ sites: 1, seed: 1 });
    expect(one.expect.neverConnects).toBeNull();
    expect(at(one.actions, "checkIn")).toHaveLength(1);
    expect(() => planConference({ sites: 0, seed: 1 })).toThrow(/sites/);
    expect(() => planConference({ sites: 2.5, seed: 1 })).toThrow(/sites/);
  });
});

describe("parseSpeed", () => {
  it("reads CLI speeds", async () => {
    const { parseSpeed } = await import("../../src/simulator/index.js");
    expect(parseSpeed("10x")).toBe(10);
    expect(parseSpeed("x2.5")).toBe(2.5);
    expect(parseSpeed("60")).toBe(60);
    expect(parseSpeed("max")).toBe(Infinity);
    expect(() => parseSpeed("0x")).toThrow(/speed/);
    expect(() => parseSpeed("fast")).toThrow(/speed/);
  });
});
