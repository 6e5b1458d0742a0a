// `inspection.watchList.close`: the case is closed (kết thúc theo dõi).
import { z } from "zod";
import { calendarDate, optionalLongText, recordId } from "../input-text.js";
import { watchEntryViewSchema } from "./views.js";

export const closeWatchEntryInputSchema = z.object({ watchId: recordId, closedOn: calendarDate, note: optionalLongText(4000) });
export const closeWatchEntryOutputSchema = watchEntryViewSchema;

export type CloseWatchEntryInput = z.input<typeof closeWatchEntryInputSchema>;
export type CloseWatchEntryOutput = z.output<typeof closeWatchEntryOutputSchema>;
