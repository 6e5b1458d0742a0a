import { z } from "zod";
import { idSchema, isoDateSchema, optionalText } from "../schemas.js";
import { transferViewSchema } from "./transfer-view.js";

export const cancelTransferInputSchema = z.object({
  transferId: idSchema,
  /** Default today. */
  cancelledOn: isoDateSchema.optional(),
  reason: optionalText(500),
});
export const cancelTransferOutputSchema = transferViewSchema;

export type CancelTransferInput = z.input<typeof cancelTransferInputSchema>;
export type CancelTransferOutput = z.output<typeof cancelTransferOutputSchema>;
