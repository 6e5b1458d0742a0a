// Counters for the annual report (org_year_stat, org_member_total), defined ONCE as "what each source
// row contributes". From that one definition we generate
//   - the statement-level triggers (migration 20261127060100_counters) that keep the counters exact in
//     the same transaction as every write (router, import, seed alike), and
//   - the full rebuild used after a bulk seed load (triggers disabled) and by the consistency test.
// Why counters: "members at 31/12" for the whole country would otherwise scan ~5.6M membership periods;
// with counters the national report reads a few hundred thousand small rows (see docs/membership-data.md).
// Raw SQL by measurement: bench/report.bench.ts (national report on the counters) and bench/import.bench.ts
// (import vs COPY, triggers included); Prisma cannot express statement-level triggers.
import type { OrgYearStat } from "../generated/prisma/client.js";
import type { ColumnsOf } from "./rows.js";

export const STAT_COLUMNS = [
  "joined",
  "left",
  "admissions",
  "made_official",
  "not_recognized",
  "cards_issued",
  "badges_proposed",
  "badges_awarded",
  "member_excellent",
  "member_good",
  "member_completed",
  "member_not_completed",
  "org_excellent",
  "org_good",
  "org_completed",
  "org_not_completed",
] as const satisfies readonly StatColumn[];
/** The counters of org_year_stat, as prisma/schema.prisma's OrgYearStat names them (db/rows.ts). */
export type StatColumn = Exclude<keyof ColumnsOf<OrgYearStat>, "org_path" | "year">;
// Every counter of the schema is in the list (a counter added to the model without a source fails here).
const everyStatColumn: Exclude<StatColumn, (typeof STAT_COLUMNS)[number]> extends never ? true : never = true;
void everyStatColumn;

interface Contribution {
  /** Expression for the year the row counts in. */
  year: string;
  /** Column → expression (per row, before sign). */
  values: Partial<Record<StatColumn, string>>;
  /** Extra filter. */
  where?: string;
}

interface Source {
  table: string;
  columns: StatColumn[];
  contributions: Contribution[];
  /** membership_period also feeds org_member_total. */
  total?: string;
}

const y = (col: string) => `extract(year from ${col})::int`;
const levelCase = (prefix: "member" | "org") => ({
  [`${prefix}_excellent`]: "(level = 'excellent')::int",
  [`${prefix}_good`]: "(level = 'good')::int",
  [`${prefix}_completed`]: "(level = 'completed')::int",
  [`${prefix}_not_completed`]: "(level = 'not_completed')::int",
});

export const STAT_SOURCES: Source[] = [
  {
    table: "membership_period",
    columns: ["joined", "left"],
    contributions: [
      { year: y("started_on"), values: { joined: "1" } },
      { year: y("ended_on"), values: { left: "1" }, where: "ended_on IS NOT NULL" },
    ],
    total: "(ended_on IS NULL)::int",
  },
  {
    table: "admission",
    columns: ["admissions", "made_official", "not_recognized"],
    contributions: [
      { year: y("admitted_on"), values: { admissions: "1" } },
      { year: y("outcome_on"), values: { made_official: "1" }, where: "outcome = 'recognized' AND outcome_on IS NOT NULL" },
      {
        year: y("outcome_on"),
        values: { not_recognized: "1" },
        where: "outcome = 'not_recognized' AND outcome_on IS NOT NULL",
      },
    ],
  },
  {
    table: "party_card",
    columns: ["cards_issued"],
    contributions: [{ year: y("issued_on"), values: { cards_issued: "1" } }],
  },
  {
    table: "badge_award",
    columns: ["badges_proposed", "badges_awarded"],
    contributions: [
      { year: y("proposed_on"), values: { badges_proposed: "1" } },
      { year: y("awarded_on"), values: { badges_awarded: "1" }, where: "awarded_on IS NOT NULL" },
    ],
  },
  {
    // Only the final decision (stage 'approved') counts in the distribution.
    table: "quality_rating",
    columns: [
      "member_excellent",
      "member_good",
      "member_completed",
      "member_not_completed",
      "org_excellent",
      "org_good",
      "org_completed",
      "org_not_completed",
    ],
    contributions: [
      { year: "year", values: levelCase("member"), where: "subject_kind = 'member' AND stage = 'approved'" },
      { year: "year", values: levelCase("org"), where: "subject_kind = 'organization' AND stage = 'approved'" },
    ],
  },
];

function contributionSelect(src: Source, rel: string, sign: 1 | -1): string {
  const parts = src.contributions.map((c) => {
    const cols = src.columns.map((col) => {
      const v = c.values[col];
      return v === undefined ? "0" : sign === 1 ? v : `-(${v})`;
    });
    return `SELECT org_path, ${c.year} AS year, ${cols.join(", ")} FROM ${rel}${c.where ? ` WHERE ${c.where}` : ""}`;
  });
  return parts.join("\n      UNION ALL ");
}

function upsertStats(src: Source, deltas: string): string {
  const cols = src.columns.map((c) => `"${c}"`);
  return `INSERT INTO org_year_stat AS s (org_path, year, ${cols.join(", ")})
    SELECT org_path, year, ${cols.map((c) => `sum(${c})::int`).join(", ")}
    FROM (
      ${deltas}
    ) d (org_path, year, ${cols.join(", ")})
    GROUP BY org_path, year
    HAVING ${cols.map((c) => `sum(${c}) <> 0`).join(" OR ")}
    ON CONFLICT (year, org_path) DO UPDATE SET ${cols.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(", ")};`;
}

function upsertTotal(src: Source, rels: [string, 1 | -1][]): string {
  const parts = rels.map(([rel, sign]) => `SELECT org_path, ${sign === 1 ? "" : "-"}${src.total} FROM ${rel}`);
  return `INSERT INTO org_member_total AS t (org_path, net)
    SELECT org_path, sum(v)::int FROM (
      ${parts.join("\n      UNION ALL ")}
    ) d (org_path, v)
    GROUP BY org_path HAVING sum(v) <> 0
    ON CONFLICT (org_path) DO UPDATE SET net = t.net + EXCLUDED.net;`;
}

function triggerBody(src: Source, rels: [string, 1 | -1][]): string {
  const deltas = rels.map(([rel, sign]) => contributionSelect(src, rel, sign)).join("\n      UNION ALL ");
  let body = upsertStats(src, deltas);
  if (src.total) body += "\n    " + upsertTotal(src, rels);
  return body;
}

/** The migration text: functions and triggers for every source table. */
export function countersMigrationSql(): string {
  const out: string[] = [
    "-- Generated from src/db/stats-sql.ts (countersMigrationSql): statement-level triggers keeping",
    "-- org_year_stat / org_member_total exact in the writing transaction. Do not edit by hand.",
  ];
  for (const src of STAT_SOURCES) {
    const fn = `${src.table}_stats`;
    out.push(`
CREATE OR REPLACE FUNCTION "${fn}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${triggerBody(src, [["new_rows", 1]])}
  ELSIF TG_OP = 'UPDATE' THEN
    ${triggerBody(src, [
      ["new_rows", 1],
      ["old_rows", -1],
    ])}
  ELSE
    ${triggerBody(src, [["old_rows", -1]])}
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "${src.table}_stats_ins" AFTER INSERT ON "${src.table}"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"();
CREATE TRIGGER "${src.table}_stats_upd" AFTER UPDATE ON "${src.table}"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"();
CREATE TRIGGER "${src.table}_stats_del" AFTER DELETE ON "${src.table}"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "${fn}"();`);
  }
  out.push("", reportIndexesSql());
  return out.join("\n") + "\n";
}

/** Recomputes both counter tables from the source tables (after a bulk load with triggers off). One
 * INSERT per table, sorted by (year, org_path) so that a year's rows are contiguous on disk. */
export function rebuildStatsSql(): string {
  const cols = STAT_COLUMNS.map((c) => `"${c}"`);
  const parts = STAT_SOURCES.flatMap((src) =>
    src.contributions.map((c) => {
      const values = STAT_COLUMNS.map((col) => (src.columns.includes(col) ? c.values[col] ?? "0" : "0"));
      return `SELECT org_path, ${c.year} AS year, ${values.join(", ")} FROM "${src.table}"${c.where ? ` WHERE ${c.where}` : ""}`;
    }),
  );
  const totals = STAT_SOURCES.filter((s) => s.total).map((s) => `SELECT org_path, ${s.total} FROM "${s.table}"`);
  return `DELETE FROM org_year_stat;
DELETE FROM org_member_total;
INSERT INTO org_year_stat (org_path, year, ${cols.join(", ")})
  SELECT org_path, year, ${cols.map((c) => `sum(${c})::int`).join(", ")}
  FROM (
    ${parts.join("\n    UNION ALL ")}
  ) d (org_path, year, ${cols.join(", ")})
  GROUP BY org_path, year
  HAVING ${cols.map((c) => `sum(${c}) <> 0`).join(" OR ")}
  ORDER BY year, org_path;
INSERT INTO org_member_total (org_path, net)
  SELECT org_path, sum(v)::int FROM (${totals.join(" UNION ALL ")}) d (org_path, v)
  GROUP BY org_path HAVING sum(v) <> 0 ORDER BY org_path;`;
}

/**
 * Covering indexes for the report: its reads are index-only (no heap visits) over the rows of the
 * years it needs. Kept here, next to the triggers, because Prisma's schema cannot express INCLUDE.
 */
export function reportIndexesSql(): string {
  const cols = STAT_COLUMNS.map((c) => `"${c}"`).join(", ");
  return `CREATE INDEX "org_year_stat_report_idx" ON "org_year_stat" ("year", "org_path" text_pattern_ops) INCLUDE (${cols});
CREATE INDEX "org_member_total_report_idx" ON "org_member_total" ("org_path" text_pattern_ops) INCLUDE ("net");`;
}

/** Switches the counter triggers off/on for a bulk load (the caller then runs rebuildStatsSql). */
export function statTriggersSql(enable: boolean): string {
  return STAT_SOURCES.flatMap((s) =>
    ["ins", "upd", "del"].map(
      (k) => `ALTER TABLE "${s.table}" ${enable ? "ENABLE" : "DISABLE"} TRIGGER "${s.table}_stats_${k}";`,
    ),
  ).join("\n");
}
