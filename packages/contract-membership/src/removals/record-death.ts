import { z } from "zod";
import { memberViewSchema } from "../records.js";
import { idSchema, isoDateSchema } from "../schemas.js";

export const recordDeathInputSchema = z.object({ memberId: idSchema, diedOn: isoDateSchema });
export const recordDeathOutputSchema = memberViewSchema;

export type RecordDeathInput = z.input<typeof recordDeathInputSchema>;
export type RecordDeathOutput = z.output<typeof recordDeathOutputSchema>;
