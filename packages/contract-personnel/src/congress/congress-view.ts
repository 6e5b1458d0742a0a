import { z } from "zod";
import { CANDIDACY_KINDS, CONGRESS_LEVELS } from "../enums.js";

/** The planned size and structure of the committee a congress elects (counts and target percents). */
export const congressStructureSchema = z.object({
  /** members of the executive committee (ban chấp hành): the seats the congress elects */
  committeeSize: z.number().int(),
  /** of them, the standing committee (ban thường vụ), elected by the new committee */
  standingSize: z.number().int(),
  /** members of the inspection commission (ủy ban kiểm tra), elected by the new committee */
  inspectionSize: z.number().int(),
  womenTargetPercent: z.number(),
  youngTargetPercent: z.number(),
  /** ethnic-minority members aimed at (a count: "as fits the area") */
  ethnicMinorityTarget: z.number().int(),
});

/** A candidate on the congress's list: a cadre (id only), first-time or re-nominated, and the votes once posted. */
export const congressCandidateViewSchema = z.object({
  candidateId: z.string(),
  cadreId: z.string(),
  kind: z.enum(CANDIDACY_KINDS),
  votes: z.number().int().nullable(),
  elected: z.boolean().nullable(),
});

/** The posted result: counts only (ballots stay secret). */
export const congressResultSchema = z.object({ heldOn: z.string(), validBallots: z.number().int(), elected: z.number().int() });

export const congressViewSchema = z.object({
  congressId: z.string(),
  orgPath: z.string(),
  level: z.enum(CONGRESS_LEVELS),
  termStartYear: z.number().int(),
  termEndYear: z.number().int(),
  plannedOn: z.string(),
  structure: congressStructureSchema.nullable(),
  candidates: z.array(congressCandidateViewSchema),
  result: congressResultSchema.nullable(),
});
