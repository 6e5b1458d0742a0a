// The annual report's petitions and watch-list figures (docs/inspection.md, "Annual report"), as SQL with
// the same definitions as the domain's reference (src/domain/report.ts): petitions count by the settling
// body's organization (`handler_org_path`), the watch list by the organization concerned; states are read
// at the end of the year, or today if earlier. Counts only: no petitioner, no content.
import type { AnnualReport } from "@orgboard/contract-inspection";
import type { PrismaClient } from "../generated/prisma/client.js";
import { inSubtree } from "./paths.js";

type Db = Pick<PrismaClient, "$queryRaw">;

interface PetitionRow {
  kind: string;
  received: number;
  notHandled: number;
  settled: number;
  late: number;
}

export async function petitionAndWatchFigures(db: Db, orgPath: string, from: string, to: string, today: string): Promise<Pick<AnnualReport, "petitions" | "watchList">> {
  const until = today < to ? today : to;
  const [petitionRows, watchRows] = await Promise.all([
    db.$queryRaw<PetitionRow[]>`
      SELECT kind,
             count(*) FILTER (WHERE received_on BETWEEN ${from}::date AND ${until}::date)::int AS received,
             count(*) FILTER (WHERE received_on BETWEEN ${from}::date AND ${until}::date AND status = 'not_handled')::int AS "notHandled",
             count(*) FILTER (WHERE status <> 'not_handled' AND settled_on BETWEEN ${from}::date AND ${until}::date)::int AS settled,
             -- settled late in the year, or still open at its end (or today) past a deadline that fell in the year
             count(*) FILTER (WHERE status <> 'not_handled' AND due_on IS NOT NULL AND (
                 (settled_on BETWEEN ${from}::date AND ${until}::date AND settled_on > due_on)
              OR ((settled_on IS NULL OR settled_on > ${until}::date) AND received_on <= ${until}::date AND due_on < ${until}::date AND due_on >= ${from}::date)))::int AS late
        FROM petition
       WHERE ${inSubtree("handler_org_path", orgPath)} AND received_on <= ${until}::date
       GROUP BY kind`,
    db.$queryRaw<{ added: number; closed: number; stillWatched: number }[]>`
      SELECT count(*) FILTER (WHERE added_on >= ${from}::date)::int AS added,
             count(*) FILTER (WHERE closed_on BETWEEN ${from}::date AND ${until}::date)::int AS closed,
             count(*) FILTER (WHERE closed_on IS NULL OR closed_on > ${until}::date)::int AS "stillWatched"
        FROM watch_entry
       WHERE ${inSubtree("org_path", orgPath)} AND added_on <= ${until}::date`,
  ]);
  const figures = (kind: string) => {
    const r = petitionRows.find((x) => x.kind === kind);
    return { received: r?.received ?? 0, notHandled: r?.notHandled ?? 0, settled: r?.settled ?? 0, late: r?.late ?? 0 };
  };
  const w = watchRows[0];
  return {
    petitions: { complaints: figures("complaint"), denunciations: figures("denunciation") },
    watchList: { added: w?.added ?? 0, closed: w?.closed ?? 0, stillWatched: w?.stillWatched ?? 0 },
  };
}
