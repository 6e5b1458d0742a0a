import { describe, expect, it } from "vitest";
import { annualReportInputSchema, contract, inspectionContract, inspectionEventSchemas } from "../src/index.js";

describe("the inspection contract", () => {
  it("is exported as `contract` too, with a major.minor version", () => {
    expect(contract).toBe(inspectionContract);
    expect(inspectionContract.service).toBe("inspection");
    expect(inspectionContract.version).toMatch(/^\d+\.\d+$/);
  });

  it("refuses a report for a malformed path or an impossible year, naming the field", () => {
    const bad = annualReportInputSchema.safeParse({ orgPath: "/01/../", year: 1800 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["orgPath", "year"]);
  });

  it("carries no names in event payloads: a discipline decision names ids, form, number and dates", () => {
    const shape = Object.keys(inspectionEventSchemas["inspection.discipline.effective"].shape).sort();
    expect(shape).toEqual(["decidedByOrgPath", "decidedOn", "decisionId", "decisionNumber", "effectiveOn", "form", "memberId", "orgId", "subjectKind"]);
  });
});
