import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { documentNumberSchema, fullNameSchema, genderSchema, isoDateSchema, nationalIdSchema, optionalText, orgPathSchema, partyCardNumberSchema, requiredText } from "../schemas.js";

/** Personal data, as on the party record (lý lịch đảng viên). */
export const personFields = {
  fullName: fullNameSchema,
  birthDate: isoDateSchema,
  gender: genderSchema,
  ethnicity: requiredText(50),
  nationalId: nationalIdSchema,
};

export const createMemberInputSchema = z.object({
  /** The cell (chi bộ) the member belongs to. */
  orgPath: orgPathSchema,
  ...personFields,
  status: z.enum(["official", "probationary"], { message: "must be official or probationary" }),
  admittedOn: isoDateSchema,
  /** Required for an official member (≥ 12 months after admission); absent for a probationary one. */
  officialOn: isoDateSchema.optional(),
  /** When the member joined this cell (default: the admission date, or arrival.receivedOn). */
  joinedOrgOn: isoDateSchema.optional(),
  partyCardNumber: partyCardNumberSchema.optional(),
  hometown: optionalText(200),
  occupation: optionalText(200),
  education: optionalText(100),
  /**
   * A member arriving by an official transfer from outside this system (another Party organization's
   * records, abroad): recorded as a received transfer, counted as "transferred in".
   */
  arrival: z
    .object({
      fromDescription: requiredText(300),
      receivedOn: isoDateSchema,
      letterNumber: documentNumberSchema.optional(),
    })
    .optional(),
});
export const createMemberOutputSchema = memberViewSchema;

export type CreateMemberInput = z.input<typeof createMemberInputSchema>;
export type CreateMemberOutput = z.output<typeof createMemberOutputSchema>;
