import { describe, expect, it } from "vitest";
import { contract, createPostInputSchema, personnelContract, personnelEventSchemas, personnelStreamReaders, recordVoteInputSchema } from "../src/index.js";

describe("the personnel contract", () => {
  it("is exported as `contract` too, with a major.minor version", () => {
    expect(contract).toBe(personnelContract);
    expect(personnelContract.version).toMatch(/^\d+\.\d+$/);
  });

  it("refuses a post whose term ends before it starts, and a party post open to non-members, naming the fields", () => {
    const bad = createPostInputSchema.safeParse({ orgPath: "/01/", title: "Bí thư", kind: "leadership", body: "party", termStartYear: 2030, termEndYear: 2025, membersOnly: false });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["membersOnly", "termEndYear"]);
  });

  it("refuses tallies with more ballots than people present", () => {
    const bad = recordVoteInputSchema.safeParse({ orgPath: "/01/", heldOn: "2026-11-01", summoned: 30, present: 25, tallies: [{ assignmentId: "01890000-0000-7000-8000-000000000000", high: 20, medium: 5, low: 1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["tallies", 0, "low"]);
  });

  it("carries no names or national IDs in event payloads", () => {
    for (const [type, schema] of Object.entries(personnelEventSchemas)) {
      const keys = Object.keys(schema.shape);
      expect(keys.some((k) => /name|national/i.test(k)), type).toBe(false);
    }
    expect([...personnelStreamReaders.roles].sort()).toEqual(["personnel_officer", "service"]);
  });
});

// ---- Congress personnel (1.2, pers-congress) ----
describe("the congress procedures (1.2)", () => {
  it("refuses more votes than valid ballots and an unknown level, naming the fields", async () => {
    const { postCongressResultInputSchema, createCongressInputSchema } = await import("../src/index.js");
    const id = "01890000-0000-7000-8000-000000000000";
    const votes = postCongressResultInputSchema.safeParse({ congressId: id, heldOn: "2025-10-15", validBallots: 10, votes: [{ candidateId: id, votes: 11 }] });
    expect(votes.error?.issues.map((i) => i.path.join("."))).toEqual(["votes.0.votes"]);
    const level = createCongressInputSchema.safeParse({ orgPath: "/01/", level: "district", termStartYear: 2030, termEndYear: 2035, plannedOn: "2030-01-01" });
    expect(level.error?.issues.map((i) => i.path.join("."))).toEqual(["level"]);
    expect(level.error?.issues[0]?.message).toMatch(/^phải là một trong/);
  });
});
