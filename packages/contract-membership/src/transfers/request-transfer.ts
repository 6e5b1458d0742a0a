import { z } from "zod";
import { TRANSFER_KINDS, TRANSFER_PURPOSES } from "../enums.js";
import { idSchema, isoDateSchema, orgPathSchema, requiredText } from "../schemas.js";
import { transferViewSchema } from "./transfer-view.js";

/**
 * A transfer out of the member's current cell, requested by the sending side: to a cell anywhere in
 * this system (`toOrgPath`), or elsewhere (`toDescription`: another Party organization's records,
 * abroad). Members arriving from outside the system are recorded with members.create({ arrival }).
 */
export const requestTransferInputSchema = z
  .object({
    memberId: idSchema,
    kind: z.enum(TRANSFER_KINDS, { message: `must be one of ${TRANSFER_KINDS.join(", ")}` }),
    requestedOn: isoDateSchema,
    toOrgPath: orgPathSchema.optional(),
    toDescription: requiredText(300).optional(),
    /** temporary transfers: the expected return (3 months to under 12; up to 24 for full-time study) */
    expectedReturnOn: isoDateSchema.optional(),
    purpose: z.enum(TRANSFER_PURPOSES).optional(),
  })
  .refine((v) => (v.toOrgPath === undefined) !== (v.toDescription === undefined), {
    message: "give exactly one of toOrgPath (a cell in this system) or toDescription (outside it)",
    path: ["toOrgPath"],
  });
export const requestTransferOutputSchema = transferViewSchema;

export type RequestTransferInput = z.input<typeof requestTransferInputSchema>;
export type RequestTransferOutput = z.output<typeof requestTransferOutputSchema>;
