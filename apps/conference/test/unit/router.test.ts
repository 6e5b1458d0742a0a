import { findUncoveredProcedures, listProcedures } from "@orgboard/server-kit";
import { getPolicyRule } from "@orgboard/auth";
import { conferenceContract, conferenceStreamReaders } from "@orgboard/contract-conference";
import { contractProcedures, implementationProblems } from "@orgboard/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../../src/router/index.js";
import { CONFERENCE_EVENT_TYPES } from "../../src/events.js";

describe("the conference router", () => {
  it("has one root key and every procedure is authorized by an action the policy knows", () => {
    expect(Object.keys(appRouter._def.record)).toEqual(["conference"]);
    expect(findUncoveredProcedures(appRouter)).toEqual([]);
    for (const p of listProcedures(appRouter)) {
      expect(p.path.startsWith("conference."), p.path).toBe(true);
      expect(p.action?.startsWith("conference."), `${p.path} → ${p.action}`).toBe(true);
    }
  });

  it("gives the organizer console to conference operators only, and the site console to site operators", () => {
    const actions = Object.fromEntries(listProcedures(appRouter).map((p) => [p.path, p.action]));
    for (const path of ["conference.create", "conference.startConnecting", "conference.openSession", "conference.agenda.next", "conference.floor.give", "conference.floor.end", "conference.conclusions.add", "conference.conclude"]) {
      expect(getPolicyRule(actions[path]!)?.roles, path).toEqual(["conference_operator"]);
    }
    for (const path of ["conference.sites.checkIn", "conference.sites.reportAttendance", "conference.speakers.register", "conference.speakers.withdraw"]) {
      const rule = getPolicyRule(actions[path]!)!;
      expect(rule.roles, path).toContain("site_operator");
      expect(rule.scoped, path).toBe(true);
    }
    // The stream's readers are the contract's row, the one the realtime gateway applies to the same events.
    expect(getPolicyRule(actions["conference.events.stream"]!)).toEqual(conferenceStreamReaders);
  });

  it("implements its contract exactly: every procedure, with the contract's own schema objects", () => {
    expect(implementationProblems(appRouter, conferenceContract)).toEqual([]);
    expect(listProcedures(appRouter).map((p) => p.path).sort()).toEqual([...contractProcedures(conferenceContract).keys()]);
  });

  it("would be refused by the contract check if a procedure drifted from it", () => {
    const c = conferenceContract.procedures;
    const drifted = { ...appRouter._def.procedures } as Record<string, unknown>;
    // A copy of the input schema is not the contract's schema, even if it looks the same today.
    const copied = { _def: { type: "query", inputs: [z.object({ conferenceId: z.uuid() })], output: c.get.output } };
    const problems = implementationProblems({ _def: { ...appRouter._def, procedures: { ...drifted, "conference.get": copied } } } as unknown as typeof appRouter, conferenceContract);
    expect(problems).toEqual([{ path: "conference.get", problem: "does not use the contract's input schema" }]);
  });

  it("event types follow <service>.<entity>.<pastTense>", () => {
    for (const t of CONFERENCE_EVENT_TYPES) expect(t).toMatch(/^conference\.[a-z_]+(\.[a-z_]+)?$/);
  });
});

