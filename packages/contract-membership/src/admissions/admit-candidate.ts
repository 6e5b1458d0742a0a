import { z } from "zod";
import { INTRODUCTION_KINDS } from "../enums.js";
import { memberViewSchema } from "../records.js";
import { cellVoteSchema, documentNumberSchema, idSchema, isoDateSchema } from "../schemas.js";

export const admitCandidateInputSchema = z.object({
  candidateId: idSchema,
  /** The cell's meeting that voted on the admission: the date the age and course rules apply to. */
  considerationDate: isoDateSchema,
  /** The admission ceremony (ngày vào Đảng). */
  admittedOn: isoDateSchema,
  decisionNumber: documentNumberSchema,
  /**
   * The date the competent committee signed the admission decision: party age counts from it (docs/kpis.md);
   * between the cell's vote and the ceremony. Without it party age counts from the ceremony (2.3).
   */
  decidedOn: isoDateSchema.optional(),
  /** When the cell received the admission decision: the ceremony must follow within 30 working days. */
  decisionReceivedOn: isoDateSchema.optional(),
  lateCeremonyApproved: z.boolean().default(false),
  hasLowerSecondaryDiploma: z.boolean(),
  educationExemption: z.boolean().default(false),
  /** Two introductions: party members (by member id) or the youth union / trade union. */
  introductions: z
    .array(
      z.object({
        kind: z.enum(INTRODUCTION_KINDS),
        memberId: idSchema.optional(),
        workedTogetherSince: isoDateSchema.optional(),
      }),
    )
    .max(5),
  cellVote: cellVoteSchema,
  dossierOpenedOn: isoDateSchema.optional(),
  provincialApprovalOver60: z.boolean().default(false),
});
export const admitCandidateOutputSchema = memberViewSchema.extend({ probationEndsOn: z.string() });

export type AdmitCandidateInput = z.input<typeof admitCandidateInputSchema>;
export type AdmitCandidateOutput = z.output<typeof admitCandidateOutputSchema>;
