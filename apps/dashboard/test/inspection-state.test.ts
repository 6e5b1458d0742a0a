import { describe, expect, it } from "vitest";
import { figuresRefresh, inspectionRefresh, inspectionRows, programPercent, reportYears } from "../src/state/inspection-state.js";
import { ev, report } from "./fixtures.js";

const insp = (id: string, orgPath: string, type = "inspection.inspection.decided") => ev(type, {}, { id, orgPath, service: "inspection" });

describe("inspection panel state", () => {
  it("reloads for a new inspection event or figures notice in the shown subtree only, once per id", () => {
    let r = inspectionRefresh({}, "/01/", [insp("5", "/01/01-007/")]);
    expect(r).toEqual({ marks: { inspection: "5" }, refresh: true });
    // A replay (socket.io recovery) or an older id asks for nothing.
    expect(inspectionRefresh(r.marks, "/01/", [insp("5", "/01/01-007/"), insp("4", "/01/")]).refresh).toBe(false);
    // Another province's event: no reload, but its id is seen.
    r = inspectionRefresh(r.marks, "/01/", [insp("6", "/02/")]);
    expect(r).toEqual({ marks: { inspection: "6" }, refresh: false });
    // The content-free notice the boards get counts the same.
    expect(inspectionRefresh(r.marks, "/01/", [insp("7", "/01/", "inspection.figures.changed")]).refresh).toBe(true);
    // Ids compare as decimals, not as text: "10" is after "9".
    expect(inspectionRefresh({ inspection: "9" }, "/", [insp("10", "/01/")]).refresh).toBe(true);
    // Other services' events never reload the report.
    expect(inspectionRefresh({}, "/", [ev("membership.member.admitted", {}, { id: "1", orgPath: "/01/", service: "membership" })]).refresh).toBe(false);
  });

  it("the personnel panel reloads by the same rule for personnel's events and notices, and for nothing else", () => {
    const pers = (id: string, orgPath: string, type = "personnel.post.created") => ev(type, {}, { id, orgPath, service: "personnel" });
    const r = figuresRefresh("personnel", {}, "/01/", [pers("3", "/01/")]);
    expect(r).toEqual({ marks: { personnel: "3" }, refresh: true });
    expect(figuresRefresh("personnel", r.marks, "/01/", [pers("3", "/01/")]).refresh).toBe(false);
    expect(figuresRefresh("personnel", r.marks, "/01/", [pers("4", "/01/01-007/", "personnel.figures.changed")]).refresh).toBe(true);
    expect(figuresRefresh("personnel", r.marks, "/01/", [pers("4", "/02/")]).refresh).toBe(false);
    expect(figuresRefresh("personnel", {}, "/", [insp("9", "/01/")]).refresh).toBe(false);
  });

  it("lists every kind, conducting body and form in the contract's order, zeros included", () => {
    const rows = inspectionRows(report());
    expect(rows.inspectionsByKind.map((r) => r.key)).toEqual(["signs_of_violation", "lower_level_work", "party_finance", "member_compliance"]);
    expect(rows.inspectionsByKind[0]).toEqual({ key: "signs_of_violation", organizations: 2, members: 3 });
    expect(rows.supervisionsByConductor.map((r) => r.key)).toEqual(["committee", "commission", "grassroots_committee", "cell"]);
    expect(rows.memberDiscipline).toEqual([{ form: "reprimand", count: 9 }, { form: "warning", count: 2 }, { form: "dismissal", count: 0 }, { form: "expulsion", count: 1 }]);
    expect(rows.orgDiscipline.map((r) => r.form)).toEqual(["reprimand", "warning", "dissolution"]);
  });

  it("program completion: the service's percent, else computed, none for an empty program", () => {
    expect(programPercent({ items: 17, completed: 12, percent: 70.6 })).toBe(70.6);
    expect(programPercent({ items: 4, completed: 1, percent: null })).toBe(25);
    expect(programPercent({ items: 0, completed: 0, percent: null })).toBeNull();
  });

  it("offers this year and the five before it", () => {
    expect(reportYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });
});
