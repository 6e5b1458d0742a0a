import { z } from "zod";
import { ORG_KINDS } from "../enums.js";
import { restructuringNoticeSchema } from "../restructuring/notice.js";
import { isoDateSchema, orgPathSchema } from "../schemas.js";

export const orgStructureInputSchema = z.object({
  /** "/" = the whole country (national scope only). */
  orgPath: orgPathSchema,
  /** Organizations open on this date (default today). Member counts are always current. */
  on: isoDateSchema.optional(),
});
export const orgStructureOutputSchema = z.object({
  orgPath: z.string(),
  on: z.string(),
  organizations: z.object({
    total: z.number().int(),
    byKind: z.object(Object.fromEntries(ORG_KINDS.map((k) => [k, z.number().int()])) as Record<(typeof ORG_KINDS)[number], z.ZodNumber>),
    /** tổ chức cơ sở đảng: grassroots committees + grassroots cells */
    grassroots: z.number().int(),
    cellsUnderGrassrootsCommittees: z.number().int(),
    cellsUnderPartialCommittees: z.number().int(),
  }),
  members: z.object({ official: z.number().int(), probationary: z.number().int(), total: z.number().int() }),
  /** (2.8) set while the subtree overlaps one being restructured (đang sắp xếp): the counts are not final */
  restructuring: restructuringNoticeSchema.nullable().optional(),
});

export type OrgStructureInput = z.input<typeof orgStructureInputSchema>;
export type OrgStructureOutput = z.output<typeof orgStructureOutputSchema>;
