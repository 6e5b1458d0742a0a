// `inspection.watchList.close`: the case is closed (kết thúc theo dõi).
import { z } from "zod";
import { idSchema, isoDateSchema } from "../schemas.js";
import { optionalLongText } from "../input-text.js";
import { watchEntryViewSchema } from "./views.js";

export const closeWatchEntryInputSchema = z.object({ watchId: idSchema, closedOn: isoDateSchema, note: optionalLongText(4000) });
export const closeWatchEntryOutputSchema = watchEntryViewSchema;

export type CloseWatchEntryInput = z.input<typeof closeWatchEntryInputSchema>;
export type CloseWatchEntryOutput = z.output<typeof closeWatchEntryOutputSchema>;
