import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { transferViewSchema } from "./transfer-view.js";

export const completeTransferInputSchema = z.object({
  transferId: idSchema,
  /** The day the destination received the member (for a destination outside the system: the day the member left). */
  receivedOn: isoDateSchema,
  /** When the introduction letter was issued, if not recorded yet (default: receivedOn). */
  issuedOn: isoDateSchema.optional(),
});
export const completeTransferOutputSchema = transferViewSchema;

export type CompleteTransferInput = z.input<typeof completeTransferInputSchema>;
export type CompleteTransferOutput = z.output<typeof completeTransferOutputSchema>;
