// The inter-agency watch list (docs/inspection.md, "Watch list"): rows → views.
import type { WatchEntryView, WatchLinkKind, WatchStatus } from "@orgboard/contract-inspection";
import type { WatchEntry } from "../generated/prisma/client.js";
import { fromDbDate, fromDbDateOrNull } from "./dates.js";

export function watchEntryView(row: WatchEntry): WatchEntryView {
  return {
    id: row.id,
    status: row.status as WatchStatus,
    orgPath: row.orgPath,
    linkKind: row.linkKind as WatchLinkKind,
    linkId: row.linkId,
    title: row.title,
    note: row.note,
    agencies: row.agencies,
    addedOn: fromDbDate(row.addedOn),
    closedOn: fromDbDateOrNull(row.closedOn),
    closingNote: row.closingNote,
    addedBy: row.addedBy,
  };
}
