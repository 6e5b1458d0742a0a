import { z } from "zod";
import { COMMITTEES, POST_BODIES, POST_KINDS } from "../enums.js";

export const postViewSchema = z.object({
  id: z.string(),
  orgPath: z.string(),
  title: z.string(),
  kind: z.enum(POST_KINDS),
  body: z.enum(POST_BODIES),
  committee: z.enum(COMMITTEES).nullable(),
  /** the term (nhiệm kỳ): first and last year, e.g. 2025–2030 */
  termStartYear: z.number().int(),
  termEndYear: z.number().int(),
  /** only party members may hold it (every party post; some state and mass-organization posts) */
  membersOnly: z.boolean(),
  /** the current holder's cadre id, if any */
  holderCadreId: z.string().nullable(),
});
export type PostView = z.output<typeof postViewSchema>;
