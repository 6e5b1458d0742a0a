import { getPolicyRule } from "@orgboard/auth";
import { personnelContract } from "@orgboard/contract-personnel";
import { contractProcedures, implementationProblems } from "@orgboard/contracts";
import { findUncoveredProcedures, listProcedures } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../src/router/index.js";

describe("the personnel router", () => {
  it("has one root key, implements its contract exactly, and every procedure is authorized by a scoped action", () => {
    expect(Object.keys(appRouter._def.record)).toEqual(["personnel"]);
    expect(findUncoveredProcedures(appRouter)).toEqual([]);
    expect(implementationProblems(appRouter, personnelContract)).toEqual([]);
    expect(listProcedures(appRouter).map((p) => p.path).sort()).toEqual([...contractProcedures(personnelContract).keys()]);
    for (const p of listProcedures(appRouter)) {
      expect(p.action?.startsWith("personnel."), `${p.path} → ${p.action}`).toBe(true);
      expect(getPolicyRule(p.action!)?.scoped, p.path).toBe(true);
    }
  });

  it("shows cadre files to personnel officers only: the boards read counts, services the stream", () => {
    for (const p of listProcedures(appRouter)) {
      const roles = [...getPolicyRule(p.action!)!.roles].sort();
      if (p.action === "personnel.reports.read") expect(roles, p.path).toEqual(["central_board", "personnel_officer", "provincial_board"]);
      else if (p.action === "personnel.events.read") expect(roles, p.path).toEqual(["personnel_officer", "service"]);
      // Restructuring's scope-key rewrite, posts and conservation reads: its service account only, no official (#14).
      else if (p.action === "personnel.restructuring.rekey" || p.action === "personnel.restructuring.posts" || p.action === "personnel.restructuring.conservation") expect([roles, getPolicyRule(p.action)!.serviceClients], p.path).toEqual([["service"], ["restructuring"]]);
      else expect(roles, p.path).toEqual(["personnel_officer"]);
    }
  });
});
