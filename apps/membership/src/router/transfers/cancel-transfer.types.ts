import { z } from "zod";
import { idSchema, isoDateSchema, optionalText } from "../schemas.js";
import { transferViewSchema } from "./transfer-view.js";

export const ZCancelTransferInput = z.object({
  transferId: idSchema,
  /** Default today. */
  cancelledOn: isoDateSchema.optional(),
  reason: optionalText(500),
});
export const ZCancelTransferOutput = transferViewSchema;
