// `inspection.watchList.list`: entries about organizations in a subtree, newest first.
import { z } from "zod";
import { WATCH_STATUSES } from "../enums.js";
import { bi } from "../schemas.js";
import { orgPathInput, pageInput } from "../input-text.js";
import { watchEntryViewSchema } from "./views.js";

export const listWatchEntriesInputSchema = z.object({
  orgPath: orgPathInput,
  status: z.enum(WATCH_STATUSES, { error: bi(`phải là một trong ${WATCH_STATUSES.join(", ")}`, `must be one of ${WATCH_STATUSES.join(", ")}`) }).optional(),
  ...pageInput,
});
export const listWatchEntriesOutputSchema = z.object({ items: z.array(watchEntryViewSchema), nextCursor: z.string().nullable() });

export type ListWatchEntriesInput = z.input<typeof listWatchEntriesInputSchema>;
export type ListWatchEntriesOutput = z.output<typeof listWatchEntriesOutputSchema>;
