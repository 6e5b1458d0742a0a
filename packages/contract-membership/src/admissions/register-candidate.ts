import { z } from "zod";
import { documentNumberSchema, isoDateSchema, orgPathSchema } from "../schemas.js";
import { personFields } from "../members/create-member.js";

export const registerCandidateInputSchema = z.object({
  /** The cell that prepares the admission. */
  orgPath: orgPathSchema,
  ...personFields,
  /** Completion of the course on the Party (lớp bồi dưỡng nhận thức về Đảng) and its certificate number. */
  courseCompletedOn: isoDateSchema,
  courseCertificateNo: documentNumberSchema,
  /**
   * The day the cell registered the candidate (default today): the certificate's validity is checked on it,
   * so a past year's registration is entered as it stood then (2.3).
   */
  registeredOn: isoDateSchema.optional(),
});
export const candidateViewSchema = z.object({
  id: z.number().int(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.string(),
  orgPath: z.string(),
  courseCompletedOn: z.string().nullable(),
  courseCertificateNo: z.string().nullable(),
  /** last day the certificate is valid (60 months) */
  courseValidUntil: z.string().nullable(),
  status: z.string(),
});
export const registerCandidateOutputSchema = candidateViewSchema;

export type CandidateView = z.output<typeof candidateViewSchema>;
export type RegisterCandidateInput = z.input<typeof registerCandidateInputSchema>;
export type RegisterCandidateOutput = z.output<typeof registerCandidateOutputSchema>;
