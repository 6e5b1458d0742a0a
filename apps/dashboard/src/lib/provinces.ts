import provinces from "virtual:provinces";

export type Province = (typeof provinces)[number];

/** The 34 provinces in official code order, which runs roughly north to south. */
export const PROVINCES: readonly Province[] = provinces;
const byCode = new Map(provinces.map((p) => [p.code, p]));

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

/** A readable label for an org path: "Toàn quốc" for `/`, the province name for `/01/`, else the path. */
export function unitLabel(orgPath: string, nationwide: string): string {
  if (orgPath === "/") return nationwide;
  const segs = orgPath.split("/").filter(Boolean);
  const p = segs.length === 1 && segs[0] ? byCode.get(segs[0]) : undefined;
  return p ? p.name : orgPath;
}
