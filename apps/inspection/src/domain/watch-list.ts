// The inter-agency watch list (danh sách vụ việc, vụ án Ban Chỉ đạo theo dõi, chỉ đạo): cases added,
// closed and still watched in a year ("18 cases put on the watch list, 11 closed, 7 still watched").
import { endOfYear, minDate, startOfYear, type IsoDate } from "@orgboard/locale-vi";
import { isWithin } from "./org-path.js";

export interface WatchRecord {
  /** the organization the case belongs to (scope) */
  orgPath: string;
  addedOn: IsoDate;
  closedOn: IsoDate | null;
}

export interface WatchFigures {
  /** put on the list in the year */
  added: number;
  /** closed in the year (whenever added) */
  closed: number;
  /** on the list at the end of the year (or on `asOf` if earlier) */
  stillWatched: number;
  /** on the list at some time in the year (watched at its start + added) = closed + stillWatched */
  watchedDuringYear: number;
}

/** Counts for a subtree and a year, as of `asOf` (default: the year's last day). */
export function watchListFigures(records: readonly WatchRecord[], orgPath: string, year: number, asOf: IsoDate = endOfYear(year)): WatchFigures {
  const from = startOfYear(year);
  const to = minDate(endOfYear(year), asOf);
  let added = 0;
  let closed = 0;
  let stillWatched = 0;
  let watchedDuringYear = 0;
  for (const r of records) {
    if (!isWithin(r.orgPath, orgPath) || r.addedOn > to) continue;
    const closedBy = r.closedOn !== null && r.closedOn <= to ? r.closedOn : null;
    if (closedBy !== null && closedBy < from) continue;
    watchedDuringYear++;
    if (r.addedOn >= from) added++;
    if (closedBy !== null) closed++;
    else stillWatched++;
  }
  return { added, closed, stillWatched, watchedDuringYear };
}
