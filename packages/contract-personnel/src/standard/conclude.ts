import { z } from "zod";
import { STANDARD_PURPOSES } from "../enums.js";
import { enumOf, idSchema, isoDateSchema } from "../schemas.js";

/**
 * A political-standard conclusion (kết luận tiêu chuẩn chính trị) about a cadre, for a purpose: consults
 * membership (standing) and inspection (discipline in effect) through their contracts.
 */
export const concludeStandardInputSchema = z.object({ cadreId: idSchema, purpose: enumOf(STANDARD_PURPOSES), concludedOn: isoDateSchema });
export const concludeStandardOutputSchema = z.object({
  conclusionId: z.string(),
  cadreId: z.string(),
  purpose: z.enum(STANDARD_PURPOSES),
  concludedOn: z.string(),
  met: z.boolean(),
  /** why not met: stable codes (not_a_member, member_removed, discipline_in_effect, barred) */
  reasons: z.array(z.string()),
});
