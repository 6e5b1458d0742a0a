// The annual report of any subtree: admissions against the plan, admission rate, made official, cards,
// transfers, badges, rating distributions, organization structure and member totals.
// Member-event figures come from the trigger-maintained counters (org_year_stat, org_member_total), so
// the whole country costs a few hundred thousand small rows; transfers are counted on the transfer table
// because "in"/"out" of a subtree depends on both ends (a move inside the subtree is neither).
// Definitions are those of the domain reference (src/domain/kpis.ts, docs/kpis.md); the integration
// test checks every figure against it on generated data.
import { MAX_YEAR, MIN_YEAR, type AnnualReportInput, type AnnualReportOutput, type RatingDistribution } from "@orgboard/contract-membership";
import { assertOrgPath, inSubtree, subtreeBounds } from "../db/paths.js";
import { MembershipInputError } from "../db/errors.js";
import { both } from "../domain/result.js";
import type { Sql } from "../db/sql.js";
import { STAT_COLUMNS, type StatColumn } from "../db/stats-sql.js";
import type { RowOf } from "../db/rows.js";
import { percent, ratio } from "../domain/kpis.js";
import type { OrgMemberTotal, OrgYearStat, PartyOrganization, Removal, Target } from "../generated/prisma/client.js";
import { withClosedYear } from "./closed.js";

// The report's shape is the contract's (membership.kpi.report answers it; the CLI prints it).
export type { AnnualReportInput, RatingDistribution } from "@orgboard/contract-membership";
export type AnnualReport = AnnualReportOutput;

export const MIN_REPORT_YEAR = MIN_YEAR;
export const MAX_REPORT_YEAR = MAX_YEAR;

function distribution(excellent: number, good: number, completed: number, notCompleted: number): RatingDistribution {
  const total = excellent + good + completed + notCompleted;
  const goodOrBetter = excellent + good;
  return { excellent, good, completed, notCompleted, total, goodOrBetter, goodOrBetterPercent: percent(ratio(goodOrBetter, total)) };
}

// Raw SQL by measurement (#12): bench/report.bench.ts (national scale, goals < 2 s country, < 200 ms
// province) and bench/small.bench.ts (kpi.report at demo scale). Row types come from the Prisma models
// (db/rows.ts), not hand-written: the counters are OrgYearStat's, the total OrgMemberTotal's net.
type CounterRow = RowOf<OrgYearStat, StatColumn> & { net_after: number; total: OrgMemberTotal["net"] };
type TransferCounts = Record<"official_out" | "temporary_out" | "official_in" | "temporary_in", number>;
type StructureRow = RowOf<PartyOrganization, "kind"> & { parent_kind: PartyOrganization["kind"] | null; n: number };
type PlanRow = { plan: Target["admissionsPlan"] };
type DepartureRow = { key: `removal:${Removal["kind"]}` | "death"; n: number };

const SUM_COLUMNS = STAT_COLUMNS;

const COUNTERS_SQL = `
  WITH s AS (
    SELECT ${SUM_COLUMNS.map((c) => `coalesce(sum("${c}") FILTER (WHERE year = $3), 0)::int AS "${c}"`).join(",\n      ")},
      coalesce(sum(joined - "left") FILTER (WHERE year > $3), 0)::int AS net_after
    FROM org_year_stat WHERE year >= $3 AND ${inSubtree("org_path", 1, 2)}
  ), t AS (
    SELECT coalesce(sum(net), 0)::int AS total FROM org_member_total WHERE ${inSubtree("org_path", 1, 2)}
  )
  SELECT s.*, t.total FROM s, t`;

// Two scans (out by the sending side's path, in by the receiving side's), each counting both kinds.
const TRANSFERS_SQL = `
  SELECT o.official_out, o.temporary_out, i.official_in, i.temporary_in
  FROM (SELECT count(*) FILTER (WHERE kind = 'official')::int AS official_out,
               count(*) FILTER (WHERE kind = 'temporary')::int AS temporary_out
        FROM transfer
        WHERE ${inSubtree("from_org_path", 1, 2)} AND issued_on BETWEEN $3 AND $4
          AND status IN ('issued', 'received', 'returned')
          AND (to_org_path IS NULL OR NOT ${inSubtree("to_org_path", 1, 2)})) o,
       (SELECT count(*) FILTER (WHERE kind = 'official')::int AS official_in,
               count(*) FILTER (WHERE kind = 'temporary')::int AS temporary_in
        FROM transfer
        WHERE ${inSubtree("to_org_path", 1, 2)} AND received_on BETWEEN $3 AND $4
          AND status IN ('received', 'returned')
          AND (from_org_path IS NULL OR NOT ${inSubtree("from_org_path", 1, 2)})) i`;

const STRUCTURE_SQL = `
  SELECT o.kind, p.kind AS parent_kind, count(*)::int AS n
  FROM party_organization o LEFT JOIN party_organization p ON p.id = o.parent_id
  WHERE ${inSubtree("o.path", 1, 2)} AND o.opened_on <= $3 AND (o.closed_on IS NULL OR o.closed_on > $3)
  GROUP BY o.kind, p.kind`;

// The plan is the scope organization's own target for the year (domain kpis.admissionsPlan): a province's
// plan already covers its communes, so targets are never summed over the subtree.
const PLAN_SQL = `SELECT admissions_plan AS plan FROM target WHERE org_path = $1 AND year = $2`;

const DEPARTURES_SQL = `
  SELECT 'removal:' || kind AS key, count(*)::int AS n FROM removal
    WHERE removed_on BETWEEN $3 AND $4 AND ${inSubtree("org_path", 1, 2)} GROUP BY kind
  UNION ALL
  SELECT 'death', count(*)::int FROM death WHERE died_on BETWEEN $3 AND $4 AND ${inSubtree("org_path", 1, 2)}`;

/**
 * Validates the input (field-named errors) and builds the report. A closed year (report/closed.ts) answers
 * its published figures, with what was entered since beside them as amendments.
 */
export async function buildAnnualReport(db: Sql, input: AnnualReportInput): Promise<AnnualReport> {
  const live = await buildLiveAnnualReport(db, input);
  return withClosedYear(db, live);
}

/** The report computed from the records as they are now (what closing a year publishes). */
export async function buildLiveAnnualReport(db: Sql, input: AnnualReportInput): Promise<AnnualReport> {
  const orgPath = assertOrgPath(input.orgPath);
  const year = input.year;
  if (!Number.isInteger(year) || year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) {
    throw new MembershipInputError("year", both(`phải là năm từ ${MIN_REPORT_YEAR} đến ${MAX_REPORT_YEAR}, đang là ${String(year)}`, `must be a whole year between ${MIN_REPORT_YEAR} and ${MAX_REPORT_YEAR}, got ${String(year)}`));
  }
  const [lo, hi] = subtreeBounds(orgPath);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;

  const orgQuery =
    orgPath === "/"
      ? Promise.resolve({ rows: [{ name: "Toàn quốc" }] })
      : db.query<RowOf<PartyOrganization, "name">>("SELECT name FROM party_organization WHERE path = $1", [orgPath]);
  const [org, counters, transfers, structure, plan, departures] = await Promise.all([
    orgQuery,
    db.query<CounterRow>(COUNTERS_SQL, [lo, hi, year]),
    db.query<TransferCounts>(TRANSFERS_SQL, [lo, hi, start, end]),
    db.query<StructureRow>(STRUCTURE_SQL, [lo, hi, end]),
    db.query<PlanRow>(PLAN_SQL, [orgPath, year]),
    db.query<DepartureRow>(DEPARTURES_SQL, [lo, hi, start, end]),
  ]);
  const orgName = org.rows[0]?.name;
  if (orgName === undefined) throw new MembershipInputError("orgPath", both(`không có tổ chức đảng ở đường dẫn ${orgPath}`, `no organization has the path ${orgPath}`), "not_found");

  const c = counters.rows[0]!;
  const atEndOfYear = c.total - c.net_after;
  const atStartOfYear = atEndOfYear - (c.joined - c.left);
  const t = transfers.rows[0]!;
  const count = (kind: string, parent?: string) =>
    structure.rows.filter((r) => r.kind === kind && (parent === undefined || r.parent_kind === parent)).reduce((a, r) => a + r.n, 0);
  const planValue = plan.rows[0]?.plan ?? null;
  const departure = (key: DepartureRow["key"]) => departures.rows.find((r) => r.key === key)?.n ?? 0;
  const removals = {
    expelled: departure("removal:expelled"),
    struckOff: departure("removal:struck_off"),
    allowedToLeave: departure("removal:allowed_to_leave"),
    total: 0,
  };
  removals.total = removals.expelled + removals.struckOff + removals.allowedToLeave;

  return {
    orgPath,
    orgName,
    year,
    asOf: end,
    members: { atStartOfYear, atEndOfYear, joined: c.joined, left: c.left },
    admissions: {
      count: c.admissions,
      plan: planValue,
      planPercent: percent(ratio(c.admissions, planValue)),
      ratePercent: percent(ratio(c.admissions, atStartOfYear)),
    },
    madeOfficial: c.made_official,
    notRecognized: c.not_recognized,
    cardsIssued: c.cards_issued,
    transfers: {
      officialIn: t.official_in ?? 0,
      officialOut: t.official_out ?? 0,
      temporaryIn: t.temporary_in ?? 0,
      temporaryOut: t.temporary_out ?? 0,
    },
    badges: { proposed: c.badges_proposed, awarded: c.badges_awarded },
    removals,
    deaths: departure("death"),
    ratings: {
      members: distribution(c.member_excellent, c.member_good, c.member_completed, c.member_not_completed),
      organizations: distribution(c.org_excellent, c.org_good, c.org_completed, c.org_not_completed),
    },
    structure: {
      grassrootsTotal: count("grassroots_committee") + count("grassroots_cell"),
      upperGrassrootsCommittees: count("upper_grassroots_committee"),
      grassrootsCommittees: count("grassroots_committee"),
      grassrootsCells: count("grassroots_cell"),
      partialCommittees: count("partial_committee"),
      cellsUnderPartialCommittees: count("subordinate_cell", "partial_committee"),
      cellsUnderGrassrootsCommittees: count("subordinate_cell", "grassroots_committee"),
      subordinateCells: count("subordinate_cell"),
    },
    totalMembers: atEndOfYear,
    closed: null,
    amendments: [],
  };
}
