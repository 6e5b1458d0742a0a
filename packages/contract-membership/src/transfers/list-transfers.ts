import { z } from "zod";
import { TRANSFER_DIRECTIONS, TRANSFER_KINDS, TRANSFER_STATUSES } from "../enums.js";
import { orgPathSchema, pageOf, paginationInputSchema } from "../schemas.js";
import { transferViewSchema } from "./transfer-view.js";

export const listTransfersInputSchema = paginationInputSchema.extend({
  orgPath: orgPathSchema.optional(),
  /** "in": arriving in the subtree (destination inside it); "out": leaving it (origin inside it); absent: either. */
  direction: z.enum(TRANSFER_DIRECTIONS).optional(),
  status: z.array(z.enum(TRANSFER_STATUSES)).min(1).max(6).optional(),
  kind: z.enum(TRANSFER_KINDS).optional(),
});
export const listTransfersOutputSchema = pageOf(transferViewSchema.extend({ memberName: z.string() }));

export type ListTransfersInput = z.input<typeof listTransfersInputSchema>;
export type ListTransfersOutput = z.output<typeof listTransfersOutputSchema>;
