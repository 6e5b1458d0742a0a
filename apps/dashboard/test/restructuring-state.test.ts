import type { RunSummary } from "@orgboard/contract-restructuring";
import { describe, expect, it } from "vitest";
import { vi as viResources } from "../src/i18n/vi.js";
import { en } from "../src/i18n/en.js";
import { conservationOf, defaultRun, failureOf, officialsAwaitingOf, provincePaths, structureRows, surplusPlacedOf } from "../src/state/restructuring-state.js";

const step = (s: string, status: "pending" | "done" | "failed" | "compensated", error: string | null = null, attempt = 1) => ({ step: s, status, attempt, records: null, error });

describe("restructuring progress: what the screen derives", () => {
  it("conservation: pending until checked, ok when after = before, not ok naming the difference", () => {
    expect(conservationOf({ membersBefore: 7107, membersAfter: null })).toEqual({ state: "pending" });
    expect(conservationOf({ membersBefore: 7107, membersAfter: 7107 })).toEqual({ state: "ok" });
    expect(conservationOf({ membersBefore: 7107, membersAfter: 7100 })).toEqual({ state: "not_ok", before: 7107, after: 7100, diff: -7 });
  });

  it("officials awaiting reassignment: the done verify step's identity census, else nothing (not run, not wired, withheld)", () => {
    const verify = (records: Record<string, number> | null, status: "done" | "failed" = "done") => ({ ...step("verify", status), records });
    expect(officialsAwaitingOf({ steps: [step("membership.mark", "done"), verify({ members: 7107, "identity.onClosed": 0, "identity.awaitingReassignment": 3 })] })).toBe(3);
    expect(officialsAwaitingOf({ steps: [verify({ members: 7107 })] })).toBeNull();
    expect(officialsAwaitingOf({ steps: [verify(null)] })).toBeNull();
    expect(officialsAwaitingOf({ steps: [verify({ "identity.awaitingReassignment": 3 }, "failed")] })).toBeNull();
    expect(officialsAwaitingOf({ steps: [step("membership.mark", "done")] })).toBeNull();
  });

  it("structure before and after (1.13): one province or summed over the run, membership's kind order, empty kinds left out, a newer kind last; null without figures", () => {
    const p = (provinceCode: string, structure: { before: Record<string, number>; after: Record<string, number> } | null | undefined) => ({ provinceCode, structure });
    const provinces = [
      p("08", { before: { subordinate_cell: 10, provincial_committee: 2, upper_grassroots_committee: 19 }, after: { provincial_committee: 1, subordinate_cell: 12, party_group: 1 } }),
      p("12", { before: { provincial_committee: 1, upper_grassroots_committee: 8 }, after: { provincial_committee: 1 } }),
      p("15", null),
      p("20", undefined),
    ];
    expect(structureRows(provinces, null)).toEqual([
      { kind: "provincial_committee", before: 3, after: 2, diff: -1 },
      { kind: "upper_grassroots_committee", before: 27, after: 0, diff: -27 },
      { kind: "subordinate_cell", before: 10, after: 12, diff: 2 },
      { kind: "party_group", before: 0, after: 1, diff: 1 },
    ]);
    expect(structureRows(provinces, "12")).toEqual([
      { kind: "provincial_committee", before: 1, after: 1, diff: 0 },
      { kind: "upper_grassroots_committee", before: 8, after: 0, diff: -8 },
    ]);
    expect(structureRows(provinces, "15")).toBeNull();
    expect(structureRows([p("15", null)], null)).toBeNull();
  });

  it("the failed step with its message, else the province's error, else nothing", () => {
    expect(failureOf({ status: "failed", error: "x", steps: [step("membership.mark", "done"), step("membership.closeOrgs", "failed", "CONFLICT: members remain", 2)] })).toEqual({ step: "membership.closeOrgs", attempt: 2, message: "CONFLICT: members remain" });
    expect(failureOf({ status: "failed", error: "tree unreadable", steps: [] })).toEqual({ step: null, attempt: 0, message: "tree unreadable" });
    expect(failureOf({ status: "done", error: null, steps: [step("verify", "done")] })).toBeNull();
  });

  it("picks the running run, else one with provinces, else the newest plan", () => {
    const r = (planId: string, status: RunSummary["status"], total: number): RunSummary => ({ planId, title: "t", status, effectiveOn: "2025-07-01", createdAt: "2026-12-05T00:00:00.000Z", provinces: { total, done: 0, failed: 0, running: 0 }, part: null });
    expect(defaultRun([r("a", "draft", 0), r("b", "done", 1), r("c", "running", 2)])).toBe("c");
    expect(defaultRun([r("a", "draft", 0), r("b", "done", 1)])).toBe("b");
    expect(defaultRun([r("a", "draft", 0)])).toBe("a");
    expect(defaultRun([])).toBeNull();
  });

  it("surplus cadres placed: the new province's path and its sources' (each once), summed only when every one answered", () => {
    expect(provincePaths({ orgPath: "/08-2025/", sourceOrgPaths: ["/08/", "/02/"] })).toEqual(["/08-2025/", "/08/", "/02/"]);
    expect(provincePaths({ orgPath: "/01/", sourceOrgPaths: ["/01/"] })).toEqual(["/01/"]);
    expect(surplusPlacedOf([{ resolved: 2, total: 5 }, { resolved: 1, total: 1 }, { resolved: 0, total: 3 }])).toEqual({ placed: 3, total: 9 });
    expect(surplusPlacedOf([{ resolved: 0, total: 0 }])).toEqual({ placed: 0, total: 0 });
    expect(surplusPlacedOf([{ resolved: 2, total: 5 }, null])).toBeNull();
    expect(surplusPlacedOf([])).toBeNull();
    for (const res of [viResources, en]) expect(res.restructuring.surplusPlaced).toMatch(/\{\{placed\}\} \/ \{\{total\}\}/);
  });

  it("every status has its words in Vietnamese and English", () => {
    for (const res of [viResources, en]) {
      for (const s of ["pending", "running", "done", "failed", "rolled_back"]) expect(res.restructuring.status[s], s).toBeTruthy();
      for (const s of ["draft", "ready", "running", "done", "rolled_back"]) expect(res.restructuring.planStatus[s], s).toBeTruthy();
    }
  });
});
