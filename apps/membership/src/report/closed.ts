// Closed years (khóa sổ báo cáo năm). Once the competent board closes a year for an organization's subtree,
// the annual report computed that day is stored whole as published, and the report of that year answers the
// published figures from then on. Entries dated in the year that are recorded later (a late recognition, a
// history import, a correction) still change the counters: they are amendments, and the report lists every
// figure they moved with the published and the amended value side by side. So nothing entered in year Y
// changes the published figures of Y−1 silently. docs/kpis.md "Closed years".
import { yearOf, type IsoDate } from "@orgboard/locale-vi";
import type { AnnualReportOutput } from "@orgboard/contract-membership";
import { MembershipInputError } from "../db/errors.js";
import type { Sql } from "../db/sql.js";

type Report = AnnualReportOutput;
export interface Amendment {
  figure: string;
  published: number | null;
  amended: number | null;
}

/** Every numeric figure of a report by its path ("admissions.count"); text fields and metadata are not figures. */
function figures(r: Report): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === "number" || v === null) out.set(path, v);
    else if (typeof v === "object" && v !== undefined && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  const { year: _y, closed: _c, amendments: _a, ...rest } = r;
  walk(rest, "");
  return out;
}

/** The figures that differ between the published report and the one computed now. */
export function amendmentsOf(published: Report, live: Report): Amendment[] {
  const now = figures(live);
  const out: Amendment[] = [];
  for (const [figure, value] of figures(published)) {
    const amended = now.get(figure) ?? null;
    if (amended !== value) out.push({ figure, published: value, amended });
  }
  return out;
}

interface ClosedRow {
  closed_on: string;
  closed_by: string;
  published: Report | string;
}

async function closedRow(db: Sql, orgPath: string, year: number): Promise<ClosedRow | undefined> {
  const { rows } = await db.query<ClosedRow>(
    `SELECT to_char(closed_on, 'YYYY-MM-DD') AS closed_on, closed_by, published FROM closed_year WHERE org_path = $1 AND year = $2`,
    [orgPath, year],
  );
  return rows[0];
}

/** The report to answer: the live one while the year is open; the published one with its amendments once closed. */
export async function withClosedYear(db: Sql, live: Report): Promise<Report> {
  const row = await closedRow(db, live.orgPath, live.year);
  if (!row) return { ...live, closed: null, amendments: [] };
  const published = (typeof row.published === "string" ? JSON.parse(row.published) : row.published) as Report;
  return { ...published, closed: { closedOn: row.closed_on, closedBy: row.closed_by }, amendments: amendmentsOf(published, live) };
}

/**
 * Closes `live.year` for `live.orgPath`: stores `live` as published. A year closes once it has ended
 * (year < the current year) and only once; refusals name the field.
 */
export async function closeYear(tx: Sql, live: Report, closedBy: string, today: IsoDate): Promise<{ closedOn: IsoDate }> {
  if (live.year >= yearOf(today)) {
    throw new MembershipInputError("year", `năm ${live.year} chưa kết thúc, chưa thể khóa sổ / ${live.year} has not ended yet (today is ${today}): a year closes after 31/12`);
  }
  const { rows } = await tx.query<{ closed_on: string }>(
    `INSERT INTO closed_year (org_path, year, closed_on, closed_by, published) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (org_path, year) DO NOTHING RETURNING to_char(closed_on, 'YYYY-MM-DD') AS closed_on`,
    [live.orgPath, live.year, today, closedBy, JSON.stringify({ ...live, closed: null, amendments: [] })],
  );
  if (!rows[0]) {
    const existing = await closedRow(tx, live.orgPath, live.year);
    throw new MembershipInputError("year", `năm ${live.year} đã khóa sổ ngày ${existing?.closed_on ?? "?"} / ${live.year} was already closed on ${existing?.closed_on ?? "?"}`, "conflict");
  }
  return { closedOn: rows[0].closed_on };
}
