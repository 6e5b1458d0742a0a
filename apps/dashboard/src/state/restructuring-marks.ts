// "Đang sắp xếp" on panels that list no membership organization of their own (pure, unit-tested): the marks
// come from membership's orgs.list of the province committees the official may read (restructuring's saga
// marks a province's committees, old and new: docs/restructuring.md "Đang sắp xếp"), keyed by path.
import type { RestructuringNotice } from "@orgboard/contract-membership";

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
