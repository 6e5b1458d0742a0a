import provinces from "virtual:provinces";

export type Province = (typeof provinces)[number];

/** The 34 provinces in official code order, which runs roughly north to south. */
export const PROVINCES: readonly Province[] = provinces;
const byCode = new Map(provinces.map((p) => [p.code, p]));

/** The province of a top-level org path (`/01/` → Hà Nội): the path segment is the province code. */
export function provinceByPath(orgPath: string): Province | undefined {
  const segs = orgPath.split("/").filter(Boolean);
  return segs.length === 1 && segs[0] ? byCode.get(segs[0]) : undefined;
}

/** A readable label for an org path: "Toàn quốc" for `/`, the province name for `/01/`, else the path. */
export function unitLabel(orgPath: string, nationwide: string): string {
  if (orgPath === "/") return nationwide;
  return provinceByPath(orgPath)?.name ?? orgPath;
}
