import { personnelContract, STANDARD_PURPOSES, type StandardPurpose } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { yearRange } from "../../app/cadre-views.js";
import { changePercent } from "../../domain/index.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.standard.yearlyCount;

/**
 * Political-standard conclusions of a subtree concluded in a year, per purpose, with how many were met and
 * the change against the year before (the seed reports' "713 people, up 31.3% on 2022"): counts only.
 */
export const conclusionCountRoute = procedure("personnel.reports.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    const count = (n: number, met: number, previousCount: number) => ({ count: n, met, previousCount, changePercent: changePercent(n, previousCount) });
    if (prefixes.length === 0) return { year: input.year, ...count(0, 0, 0), perPurpose: STANDARD_PURPOSES.map((purpose) => ({ purpose, ...count(0, 0, 0) })) };
    const group = (year: number) => ctx.db.standardConclusion.groupBy({ by: ["purpose", "met"], where: { ...where, concludedOn: yearRange(year) }, _count: { _all: true } });
    const [current, previous] = await Promise.all([group(input.year), group(input.year - 1)]);
    const sum = (rows: typeof current, purpose?: StandardPurpose, met?: boolean) => rows.filter((r) => (purpose === undefined || r.purpose === purpose) && (met === undefined || r.met === met)).reduce((a, r) => a + r._count._all, 0);
    return {
      year: input.year,
      ...count(sum(current), sum(current, undefined, true), sum(previous)),
      perPurpose: STANDARD_PURPOSES.map((purpose) => ({ purpose, ...count(sum(current, purpose), sum(current, purpose, true), sum(previous, purpose)) })),
    };
  });
