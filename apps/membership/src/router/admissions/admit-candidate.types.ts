import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { cellVoteSchema, documentNumberSchema, idSchema, isoDateSchema } from "../schemas.js";

export const ZAdmitCandidateInput = z.object({
  candidateId: idSchema,
  /** The cell's meeting that voted on the admission: the date the age and course rules apply to. */
  considerationDate: isoDateSchema,
  /** The admission ceremony (ngày vào Đảng). */
  admittedOn: isoDateSchema,
  decisionNumber: documentNumberSchema,
  /** When the cell received the admission decision: the ceremony must follow within 30 working days. */
  decisionReceivedOn: isoDateSchema.optional(),
  lateCeremonyApproved: z.boolean().default(false),
  hasLowerSecondaryDiploma: z.boolean(),
  educationExemption: z.boolean().default(false),
  /** Two introductions: party members (by member id) or the youth union / trade union. */
  introductions: z
    .array(
      z.object({
        kind: z.enum(["member", "youth_union", "trade_union"]),
        memberId: idSchema.optional(),
        workedTogetherSince: isoDateSchema.optional(),
      }),
    )
    .max(5),
  cellVote: cellVoteSchema,
  dossierOpenedOn: isoDateSchema.optional(),
  provincialApprovalOver60: z.boolean().default(false),
});
export const ZAdmitCandidateOutput = memberViewSchema.extend({ probationEndsOn: z.string() });
