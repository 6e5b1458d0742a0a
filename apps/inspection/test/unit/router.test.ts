import { getPolicyRule } from "@orgboard/auth";
import { inspectionContract } from "@orgboard/contract-inspection";
import { contractProcedures, implementationProblems } from "@orgboard/contracts";
import { findUncoveredProcedures, listProcedures } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../src/router/index.js";

describe("the inspection router", () => {
  it("has one root key and every procedure is authorized by an action the policy knows", () => {
    expect(Object.keys(appRouter._def.record)).toEqual(["inspection"]);
    expect(findUncoveredProcedures(appRouter)).toEqual([]);
    for (const p of listProcedures(appRouter)) {
      expect(p.action?.startsWith("inspection."), `${p.path} → ${p.action}`).toBe(true);
      expect(getPolicyRule(p.action!)?.scoped, p.path).toBe(true);
    }
  });

  it("implements its contract exactly: every procedure, with the contract's own schema objects", () => {
    expect(implementationProblems(appRouter, inspectionContract)).toEqual([]);
    expect(listProcedures(appRouter).map((p) => p.path).sort()).toEqual([...contractProcedures(inspectionContract).keys()]);
  });

  it("shows cases to the inspection committee only: the boards read counts (the report), never a case", () => {
    for (const p of listProcedures(appRouter)) {
      const roles = getPolicyRule(p.action!)!.roles;
      if (p.action === "inspection.reports.read") expect([...roles].sort(), p.path).toEqual(["central_board", "inspection_committee", "provincial_board"]);
      else if (p.action === "inspection.cases.readForSubject") {
        expect([...roles].sort(), p.path).toEqual(["inspection_committee", "service"]);
        // A subject's cases go to personnel's service account only (#9).
        expect(getPolicyRule(p.action)!.serviceClients, p.path).toEqual(["personnel"]);
      }
      else if (p.action === "inspection.events.read") expect([...roles].sort(), p.path).toEqual(["inspection_committee", "service"]);
      // The auditor reads the audit trail of its scope, and no case.
      else if (p.action === "inspection.audit.read") expect(roles, p.path).toEqual(["auditor"]);
      // Restructuring's scope-key rewrite and conservation read: its service account only, no official (#14).
      else if (p.action === "inspection.restructuring.rekey" || p.action === "inspection.restructuring.conservation") expect([roles, getPolicyRule(p.action)!.serviceClients], p.path).toEqual([["service"], ["restructuring"]]);
      else expect(roles, p.path).toEqual(["inspection_committee"]);
    }
  });
});
