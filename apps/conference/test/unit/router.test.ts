import { findUncoveredProcedures, listProcedures } from "@orgboard/server-kit";
import { getPolicyRule } from "@orgboard/auth";
import { describe, expect, it } from "vitest";
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
    expect(getPolicyRule(actions["conference.events.stream"]!)?.roles).not.toContain("provincial_board");
  });

  it("event types follow <service>.<entity>.<pastTense>", () => {
    for (const t of CONFERENCE_EVENT_TYPES) expect(t).toMatch(/^conference\.[a-z_]+(\.[a-z_]+)?$/);
  });
});
