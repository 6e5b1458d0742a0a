// The router implements @orgboard/contract-membership exactly (src/router/index.ts asserts it at start-up,
// so a drift stops the service); here: it does, and a drift is caught naming the procedure.
import { assertImplements, implementationProblems } from "@orgboard/contracts";
import { membershipContract } from "@orgboard/contract-membership";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../../src/router/index.js";
import { procedure } from "../../src/router/procedure.js";
import { router } from "../../src/router/trpc.js";

describe("membership router and its contract", () => {
  it("implements every procedure of the contract with the contract's own schemas", () => {
    expect(implementationProblems(appRouter, membershipContract)).toEqual([]);
  });

  it("is refused when a procedure uses a copy of its schema, or is not in the contract", () => {
    const c = membershipContract.procedures.cards.issue;
    const copied = procedure("membership.cards.issue")
      .input(z.object({ memberId: z.number() }))
      .output(c.output)
      .mutation(() => ({}) as never);
    const drifted = router({
      membership: router({ ...appRouter._def.record.membership, cards: router({ issue: copied, revoke: copied }) }),
    });
    expect(implementationProblems(drifted, membershipContract)).toEqual([
      { path: "membership.cards.issue", problem: "does not use the contract's input schema" },
      { path: "membership.cards.revoke", problem: "is not in the contract" },
    ]);
    expect(() => assertImplements(drifted, membershipContract)).toThrow(/membership\.cards\.revoke is not in the contract/);
  });
});
