import { describe, expect, it } from "vitest";
import { contract, getPlanInputSchema, previewPlanInputSchema, restructuringContract, resumeRunInputSchema, runProvinceViewSchema, updatePlanInputSchema } from "../src/index.js";

describe("the restructuring contract", () => {
  it("is exported as `contract` too, version 1.13", () => {
    expect(contract).toBe(restructuringContract);
    expect(restructuringContract.version).toBe("1.13");
  });

  it("names the field of bad input, Vietnamese first", () => {
    const bad = previewPlanInputSchema.safeParse({ planId: "x", provinceCode: "1" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["planId", "provinceCode"]);
    expect(getPlanInputSchema.safeParse({ planId: 5 }).error?.issues[0]?.message).toMatch(/^phải là mã đề án \(UUID\) \/ must be a plan id/);
  });
});

describe("1.3: runs.list and the stream", () => {
  it("runs.list names the field of bad input; the stream readers are scoped", async () => {
    const { listRunsInputSchema, restructuringStreamReaders } = await import("../src/index.js");
    const bad = listRunsInputSchema.safeParse({ limit: 0 });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["limit"]);
    expect(bad.error?.issues[0]?.message).toMatch(/^ít nhất 1 \/ at least 1/);
    expect(listRunsInputSchema.safeParse({}).success).toBe(true);
    expect(restructuringStreamReaders.scoped).toBe(true);
    expect(Object.keys(restructuringContract.procedures.events)).toEqual(["stream"]);
  });
});

describe("1.4: provinces at once per resume", () => {
  it("concurrency is optional, a whole number 1–16, named when bad, Vietnamese first", () => {
    expect(resumeRunInputSchema.safeParse({ planId: "6f1b2c10-0001-4c1e-9a01-000000000001" }).success).toBe(true);
    expect(resumeRunInputSchema.safeParse({ planId: "6f1b2c10-0001-4c1e-9a01-000000000001", concurrency: 1 }).success).toBe(true);
    for (const concurrency of [0, 2.5, 17, "2"]) {
      const bad = resumeRunInputSchema.safeParse({ planId: "6f1b2c10-0001-4c1e-9a01-000000000001", concurrency });
      expect(bad.error?.issues.map((i) => i.path.join(".")), String(concurrency)).toEqual(["concurrency"]);
      expect(bad.error?.issues[0]?.message).toMatch(/^(phải là số nguyên|ít nhất 1|tối đa 16)/);
    }
  });
});

describe("1.5–1.6: the sources' paths; a new commune's province", () => {
  it("units[].parentCode is optional, an administrative unit code, named when bad", () => {
    const planId = "6f1b2c10-0001-4c1e-9a01-000000000001";
    expect(updatePlanInputSchema.safeParse({ planId, units: [{ code: "00694", parentCode: "15" }] }).success).toBe(true);
    const bad = updatePlanInputSchema.safeParse({ planId, units: [{ code: "00694", parentCode: "Lào Cai" }] });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["units.0.parentCode"]);
    expect(bad.error?.issues[0]?.message).toMatch(/^phải là mã đơn vị hành chính/);
  });

  it("a run's province names the paths of the old provinces' committees it is formed from", () => {
    expect(Object.keys(runProvinceViewSchema.shape)).toContain("sourceOrgPaths");
  });
});
