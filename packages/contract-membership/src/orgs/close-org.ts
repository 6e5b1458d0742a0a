import { z } from "zod";
import { orgViewSchema } from "../records.js";
import { isoDateSchema, orgPathSchema } from "../schemas.js";

export const closeOrgInputSchema = z.object({ orgPath: orgPathSchema, closedOn: isoDateSchema });
export const closeOrgOutputSchema = orgViewSchema;

export type CloseOrgInput = z.input<typeof closeOrgInputSchema>;
export type CloseOrgOutput = z.output<typeof closeOrgOutputSchema>;
