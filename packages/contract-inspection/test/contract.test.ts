import { describe, expect, it } from "vitest";
import {
  annualReportInputSchema,
  contract,
  INSPECTION_EVENT_TYPES,
  inspectionContract,
  inspectionEventSchemas,
  inspectionFiguresNotice,
  inspectionFiguresReaders,
  inspectionStreamReaders,
} from "../src/index.js";

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
    expect(shape).toEqual(["bars", "decidedByOrgPath", "decidedOn", "decisionId", "decisionNumber", "effectiveOn", "form", "memberId", "orgId", "subjectKind"]);
  });

  it("gives case details to inspection committees and services only, counts to the boards too, each in scope", () => {
    expect([...inspectionStreamReaders.roles].sort()).toEqual(["inspection_committee", "service"]);
    expect([...inspectionFiguresReaders.roles].sort()).toEqual(["central_board", "inspection_committee", "provincial_board"]);
    expect(inspectionStreamReaders.scoped && inspectionFiguresReaders.scoped).toBe(true);
  });

  it("maps every event of the stream to a figures notice carrying only its organization's path", () => {
    for (const type of INSPECTION_EVENT_TYPES) expect(inspectionFiguresNotice({ type, orgPath: "/01/01-007/" }), type).toEqual({ orgPath: "/01/01-007/" });
    expect(inspectionFiguresNotice({ type: "membership.member.admitted", orgPath: "/01/" })).toBeNull();
  });
});
