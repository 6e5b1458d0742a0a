// The inter-agency watch list (danh sách vụ việc, vụ án theo dõi, chỉ đạo): cases added, closed, still
// watched. An entry points at an inspection, a discipline decision or a petition of this service, or is
// free text (a case another agency runs); its scope is the organization it concerns.
import { z } from "zod";
import { WATCH_STATUSES } from "../enums.js";

export const WATCH_LINK_KINDS = ["inspection", "discipline", "petition", "free_text"] as const;
export type WatchLinkKind = (typeof WATCH_LINK_KINDS)[number];

const date = z.string();

export const watchEntryViewSchema = z.object({
  id: z.string(),
  status: z.enum(WATCH_STATUSES),
  orgPath: z.string(),
  linkKind: z.enum(WATCH_LINK_KINDS),
  /** The inspection, discipline decision or petition id; null for free text. */
  linkId: z.string().nullable(),
  title: z.string(),
  note: z.string().nullable(),
  /** The agencies following the case with the commission (police, procuracy, inspectorate …). */
  agencies: z.string().nullable(),
  addedOn: date,
  closedOn: date.nullable(),
  closingNote: z.string().nullable(),
  addedBy: z.string(),
});
export type WatchEntryView = z.infer<typeof watchEntryViewSchema>;
