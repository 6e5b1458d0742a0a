// "Đang sắp xếp" on panels that list no membership organization of their own (pure, unit-tested): the marks
// come from membership's orgs.list of the province committees the official may read (restructuring's saga
// marks a province's committees, old and new: docs/restructuring.md "Đang sắp xếp"), keyed by path.
import type { RestructuringNotice } from "@orgboard/contract-membership";
import { MEMBERSHIP_ANCESTOR_MARKED, MEMBERSHIP_FIGURES_CHANGED } from "@orgboard/contract-realtime";
import { advance, eventSource, isApplied, type EventEnvelope, type Watermarks } from "./envelope.js";

export interface MarkedOrg {
  path: string;
  name: string;
  restructuring?: RestructuringNotice | null;
}

/** Province committee path → its notice, only those being restructured. */
export type ProvinceMarks = Readonly<Record<string, RestructuringNotice>>;

export function provinceMarksOf(orgs: readonly MarkedOrg[]): ProvinceMarks {
  return Object.fromEntries(orgs.flatMap((o) => (o.restructuring ? [[o.path, o.restructuring] as const] : [])));
}

/**
 * The national scope ("/", not an organization membership's orgs.get answers) is being restructured when any
 * province committee is: one notice from the earliest mark, every marked path, and each province's own
 * message on its line, its name first.
 */
export function nationalMarkOf(orgs: readonly MarkedOrg[]): RestructuringNotice | null {
  const marked = orgs.filter((o): o is MarkedOrg & { restructuring: RestructuringNotice } => Boolean(o.restructuring));
  if (marked.length === 0) return null;
  const since = marked.map((o) => o.restructuring.since).sort()[0]!;
  return {
    since,
    paths: [...new Set(marked.flatMap((o) => o.restructuring.paths))].sort(),
    message: marked.map((o) => `${o.name}: ${o.restructuring.message}`).join("\n"),
  };
}

/**
 * Membership's events that can change a notice: a mark set or lifted, told at the organization's own path
 * (`membership.organization.marked`, contract-membership 2.10), and a restructuring step (createOrgs creates a
 * committee the mark step marked before it existed, told only by that step's event at the new committee's path),
 * and the gateway's `membership.ancestor.marked` (contract-realtime 1.3): a mark above the official's scope, told
 * to a district's or a commune's board, which is in no room of the marked committee's path, and its
 * `membership.figures.changed` (1.4), all a viewer or an officer gets of membership: any of its events may be a mark.
 */
export const MARK_EVENT_TYPES: ReadonlySet<string> = new Set([
  "membership.organization.marked",
  "membership.organizations.restructured",
  MEMBERSHIP_ANCESTOR_MARKED,
  MEMBERSHIP_FIGURES_CHANGED,
]);

/**
 * Whether events ask for the notices about `orgPath` to be read again: a new (not yet seen) mark event whose
 * organization overlaps the unit's subtree — inside it, or an ancestor of it (a marked province covers its
 * districts). Anything else, and replays (same id), ask for nothing.
 */
export function markRefresh(marks: Watermarks, orgPath: string, events: readonly EventEnvelope[]): { marks: Watermarks; refresh: boolean } {
  let next = marks;
  let refresh = false;
  for (const e of events) {
    if (eventSource(e) !== "membership" || !MARK_EVENT_TYPES.has(e.type) || isApplied(next, e)) continue;
    next = advance(next, e);
    if (e.orgPath.startsWith(orgPath) || orgPath.startsWith(e.orgPath)) refresh = true;
  }
  return { marks: next, refresh };
}
