import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { transferViewSchema } from "./transfer-view.js";

/**
 * The end of a temporary transfer: the member is back in the home cell (where the member was counted all
 * along). Recorded by the home (sending) side, which the member reports back to.
 */
export const returnTransferInputSchema = z.object({
  transferId: idSchema,
  /** The day the member resumed party life in the home cell. */
  returnedOn: isoDateSchema,
});
export const returnTransferOutputSchema = transferViewSchema;

export type ReturnTransferInput = z.input<typeof returnTransferInputSchema>;
export type ReturnTransferOutput = z.output<typeof returnTransferOutputSchema>;
