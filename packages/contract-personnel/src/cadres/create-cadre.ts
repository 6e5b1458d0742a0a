import { z } from "zod";
import { GENDERS } from "../enums.js";
import { enumOf, isoDateSchema, lineText, membershipIdSchema, nationalIdSchema, orgPathSchema } from "../schemas.js";
import { cadreViewSchema } from "./cadre-view.js";

/** Records a cadre of an organization; `memberId` links the party member (membership's id), null for a non-member. */
export const createCadreInputSchema = z.object({
  orgPath: orgPathSchema,
  memberId: membershipIdSchema.nullable(),
  nationalId: nationalIdSchema,
  fullName: lineText(200),
  birthDate: isoDateSchema,
  gender: enumOf(GENDERS),
  ethnicMinority: z.boolean().default(false),
});
export const createCadreOutputSchema = cadreViewSchema;
export type CreateCadreInput = z.input<typeof createCadreInputSchema>;
