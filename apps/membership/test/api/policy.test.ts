// Every procedure is authorized by an action the policy knows (0001); none is public; the policy has
// no action that no procedure uses. The same facts, per role, are checked over HTTP by matrix.test.ts.
import { getPolicyRule, policySnapshot } from "@orgboard/auth";
import { findUncoveredProcedures, listProcedures } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { membershipPolicy } from "../../src/policy.js";
import { appRouter } from "../../src/router/index.js";

describe("membership router coverage", () => {
  const procedures = listProcedures(appRouter);

  it("has one root key, membership, and every procedure under it", () => {
    expect(Object.keys(appRouter._def.record)).toEqual(["membership"]);
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures.every((p) => p.path.startsWith("membership."))).toBe(true);
  });

  it("authorizes every procedure by an action known to the policy (no public procedure)", () => {
    expect(findUncoveredProcedures(appRouter, [])).toEqual([]);
    for (const p of procedures) {
      expect(p.action, p.path).toMatch(/^membership\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
      expect(getPolicyRule(p.action!), p.path).toBeDefined();
    }
  });

  it("uses every action of the membership policy, and every one is scoped", () => {
    const used = new Set(procedures.map((p) => p.action));
    for (const action of Object.keys(membershipPolicy)) expect(used.has(action), action).toBe(true);
    for (const [action, rule] of Object.entries(policySnapshot())) if (action.startsWith("membership.")) expect(rule.scoped, action).toBe(true);
  });

  it("reads are queries, changes are mutations, the stream is a subscription", () => {
    for (const p of procedures) {
      const verb = p.path.split(".").pop()!;
      if (p.path === "membership.events.stream") expect(p.type).toBe("subscription");
      // Every import writes, whatever it is named after (import.history brings past years in).
      else if (p.path.startsWith("membership.import.")) expect(p.type, p.path).toBe("mutation");
      else if (["get", "list", "children", "structure", "history", "overdue", "eligible", "summary", "report", "search", "tree", "conservation"].includes(verb)) expect(p.type, p.path).toBe("query");
      else expect(p.type, p.path).toBe("mutation");
    }
  });
});
