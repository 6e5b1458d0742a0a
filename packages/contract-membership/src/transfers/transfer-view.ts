import { z } from "zod";
import { TRANSFER_KINDS, TRANSFER_STATUSES } from "../enums.js";

export const transferViewSchema = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  kind: z.enum(TRANSFER_KINDS),
  status: z.enum(TRANSFER_STATUSES),
  fromOrgPath: z.string().nullable(),
  toOrgPath: z.string().nullable(),
  /** destination outside this system */
  toDescription: z.string().nullable(),
  /** origin outside this system (an arrival recorded with members.create({ arrival })) */
  fromDescription: z.string().nullable(),
  /** the introduction letter's number (giấy giới thiệu), when given */
  letterNumber: z.string().nullable(),
  requestedOn: z.string(),
  issuedOn: z.string().nullable(),
  receivedOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
});
export type TransferView = z.infer<typeof transferViewSchema>;
