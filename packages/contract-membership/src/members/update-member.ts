import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { idSchema, optionalText } from "../schemas.js";
import { personFields } from "./create-member.js";

/** Corrections to personal data. Organization and status change only through transfers, admissions, removals. */
export const updateMemberInputSchema = z
  .object({
    id: idSchema,
    fullName: personFields.fullName.optional(),
    birthDate: personFields.birthDate.optional(),
    gender: personFields.gender.optional(),
    ethnicity: personFields.ethnicity.optional(),
    nationalId: personFields.nationalId.optional(),
    hometown: optionalText(200),
    occupation: optionalText(200),
    education: optionalText(100),
  })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== "id" && x !== undefined), { message: "give at least one field to change", path: ["id"] });
export const updateMemberOutputSchema = memberViewSchema;

export type UpdateMemberInput = z.input<typeof updateMemberInputSchema>;
export type UpdateMemberOutput = z.output<typeof updateMemberOutputSchema>;
