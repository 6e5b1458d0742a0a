// Appeals (khiếu nại kỷ luật): the last day to lodge one (domain: one month from receiving the decision)
// and the last day to settle it (domain: working days by the settling level, from the day it was lodged).
import { parentPath, settlementDueOn, type SettlementLevel } from "../domain/index.js";
import { isGrassroots } from "./discipline.js";
import type { SubjectDirectory } from "./subjects.js";

/**
 * The level that settles an appeal against a decision of the body at `decidedByOrgPath`: the level above
 * it (the Centre settles its own). Depth tells the Centre and the provinces; below, membership's kind of
 * that organization tells a grassroots one from an upper-grassroots ("district") one.
 */
export async function settlementLevel(subjects: SubjectDirectory, decidedByOrgPath: string): Promise<SettlementLevel> {
  const above = parentPath(decidedByOrgPath) ?? "/";
  if (above === "/") return "central";
  if (above.split("/").length === 3) return "provincial";
  const org = await subjects.find({ kind: "organization", orgPath: above });
  return org && isGrassroots(org.orgKind) ? "grassroots" : "district";
}

export function appealDecideDeadline(level: SettlementLevel, lodgedOn: string): string {
  return settlementDueOn("complaint", level, lodgedOn);
}
