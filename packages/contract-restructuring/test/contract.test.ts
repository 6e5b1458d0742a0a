import { describe, expect, it } from "vitest";
import { contract, getPlanInputSchema, previewPlanInputSchema, restructuringContract } from "../src/index.js";

describe("the restructuring contract", () => {
  it("is exported as `contract` too, version 1.2", () => {
    expect(contract).toBe(restructuringContract);
    expect(restructuringContract.version).toBe("1.2");
  });

  it("names the field of bad input, Vietnamese first", () => {
    const bad = previewPlanInputSchema.safeParse({ planId: "x", provinceCode: "1" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["planId", "provinceCode"]);
    expect(getPlanInputSchema.safeParse({ planId: 5 }).error?.issues[0]?.message).toMatch(/^phải là mã đề án \(UUID\) \/ must be a plan id/);
  });
});
