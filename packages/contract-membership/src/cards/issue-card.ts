import { z } from "zod";
import { documentNumberSchema, idSchema, isoDateSchema, partyCardNumberSchema } from "../schemas.js";

export const issueCardInputSchema = z.object({
  memberId: idSchema,
  /** The party card number (số thẻ đảng viên). */
  number: partyCardNumberSchema,
  issuedOn: isoDateSchema,
  decisionNumber: documentNumberSchema.optional(),
  /** Serial of the card's chip (chip-based cards). */
  chipId: z.string().trim().regex(/^[0-9A-Fa-f]{8,32}$/, { message: "must be the chip serial: 8–32 hexadecimal digits" }).optional(),
  /**
   * Record the member's national ID on the card as `identityRef`, the key of the member's record in the
   * national population database (CSDL quốc gia về dân cư). Nothing is checked against that database.
   */
  linkIdentity: z.boolean().default(false),
});
export const issueCardOutputSchema = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  number: z.string(),
  orgPath: z.string(),
  issuedOn: z.string(),
  decisionNumber: z.string().nullable(),
  chipId: z.string().nullable(),
  /** the member's national ID when linkIdentity was asked (not verified against any register), else null */
  identityRef: z.string().nullable(),
  status: z.literal("active"),
  /** earlier active cards of the member, now marked replaced */
  replacedCards: z.number().int(),
});

export type IssueCardInput = z.input<typeof issueCardInputSchema>;
export type IssueCardOutput = z.output<typeof issueCardOutputSchema>;
