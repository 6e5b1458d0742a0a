// Party-age facts of members from their records: party age counts from the date of the admission decision
// (admission.decided_on; the ceremony date admitted_on where no decision date was recorded), and the gaps
// between consecutive membership periods are interruptions of party life (Quy định thi hành Điều lệ 4.5).
// Read through Prisma in the procedures' transactions, or through the raw `Sql` handle by the
// eligible-badges list (measured: bench/small.bench.ts, badges.eligible, where the Prisma reads cost about
// a third more per page); both readers' rows are the models' types (db/rows.ts).
import { fromDbDate, fromDbDateOrNull } from "@orgboard/db";
import type { Sql } from "../../db/sql.js";
import { selectFields, type EitherReader } from "../../db/rows.js";
import type { BadgeYears } from "../../domain/enums.js";
import type { Interruption, PartyAgeFacts } from "../../domain/party-age.js";
import type { Admission, BadgeAward, Member, MembershipPeriod } from "../../generated/prisma/client.js";
import type { Tx } from "../records.js";

type AgeMember = EitherReader<Pick<Member, "id" | "admittedOn" | "officialOn">>;
const PERIOD_FIELDS = ["memberId", "startedOn", "endedOn"] as const satisfies readonly (keyof MembershipPeriod)[];
type PeriodRow = EitherReader<Pick<MembershipPeriod, (typeof PERIOD_FIELDS)[number]>>;
const LEVEL_FIELDS = ["memberId", "years", "awardedOn"] as const satisfies readonly (keyof BadgeAward)[];
type LevelRow = EitherReader<Pick<BadgeAward, (typeof LEVEL_FIELDS)[number]>>;
const DECISION_FIELDS = ["memberId", "decidedOn"] as const satisfies readonly (keyof Admission)[];
type DecisionRow = EitherReader<Pick<Admission, (typeof DECISION_FIELDS)[number]>>;
export type BadgeLevels = Map<number, { proposed: BadgeYears[]; awarded: BadgeYears[] }>;

/** The facts from the members' periods (ordered by member, start, id) and their admission decisions' dates. */
function factsOf(members: readonly AgeMember[], periods: readonly PeriodRow[], decisions: readonly DecisionRow[]): Map<number, PartyAgeFacts> {
  const decidedOn = new Map<number, string>();
  for (const d of decisions) if (d.decidedOn !== null) decidedOn.set(d.memberId, fromDbDate(d.decidedOn));
  const gaps = new Map<number, Interruption[]>();
  let prev: { memberId: number; endedOn: string | null } | null = null;
  for (const p of periods) {
    const startedOn = fromDbDate(p.startedOn);
    if (prev && prev.memberId === p.memberId && prev.endedOn !== null && startedOn > prev.endedOn) {
      const list = gaps.get(p.memberId) ?? [];
      list.push({ from: prev.endedOn, to: startedOn });
      gaps.set(p.memberId, list);
    }
    prev = { memberId: p.memberId, endedOn: fromDbDateOrNull(p.endedOn) };
  }
  return new Map(
    members.map((m) => [m.id, { admissionDecisionOn: decidedOn.get(m.id) ?? fromDbDate(m.admittedOn), officialOn: fromDbDateOrNull(m.officialOn), interruptions: gaps.get(m.id) ?? [] }]),
  );
}

function levelsOf(rows: readonly LevelRow[]): BadgeLevels {
  const out: BadgeLevels = new Map();
  for (const r of rows) {
    const e = out.get(r.memberId) ?? { proposed: [], awarded: [] };
    (r.awardedOn === null ? e.proposed : e.awarded).push(r.years as BadgeYears);
    out.set(r.memberId, e);
  }
  return out;
}

export async function partyAgeFacts(tx: Tx, members: readonly AgeMember[]): Promise<Map<number, PartyAgeFacts>> {
  const ids = members.map((m) => m.id);
  const [periods, decisions] = await Promise.all([
    tx.membershipPeriod.findMany({
      where: { memberId: { in: ids } },
      orderBy: [{ memberId: "asc" }, { startedOn: "asc" }, { id: "asc" }],
      select: { memberId: true, startedOn: true, endedOn: true },
    }),
    tx.admission.findMany({ where: { memberId: { in: ids }, decidedOn: { not: null } }, select: { memberId: true, decidedOn: true } }),
  ]);
  return factsOf(members, periods, decisions);
}

/** Badge levels already proposed or awarded, per member. */
export async function badgeLevels(tx: Tx, ids: readonly number[]): Promise<BadgeLevels> {
  return levelsOf(await tx.badgeAward.findMany({ where: { memberId: { in: [...ids] } }, select: { memberId: true, years: true, awardedOn: true } }));
}

/** partyAgeFacts on the raw `Sql` handle (the eligible list). */
export async function partyAgeFactsRaw(db: Sql, members: readonly AgeMember[]): Promise<Map<number, PartyAgeFacts>> {
  const ids = members.map((m) => m.id);
  const [{ rows }, { rows: decisions }] = await Promise.all([
    db.query<PeriodRow>(
      `SELECT ${selectFields<MembershipPeriod>("p", PERIOD_FIELDS)} FROM membership_period p WHERE p.member_id = ANY($1::int[]) ORDER BY p.member_id, p.started_on, p.id`,
      [ids],
    ),
    db.query<DecisionRow>(`SELECT ${selectFields<Admission>("a", DECISION_FIELDS)} FROM admission a WHERE a.member_id = ANY($1::int[]) AND a.decided_on IS NOT NULL`, [ids]),
  ]);
  return factsOf(members, rows, decisions);
}

/** badgeLevels on the raw `Sql` handle (the eligible list). */
export async function badgeLevelsRaw(db: Sql, ids: readonly number[]): Promise<BadgeLevels> {
  const { rows } = await db.query<LevelRow>(`SELECT ${selectFields<BadgeAward>("b", LEVEL_FIELDS)} FROM badge_award b WHERE b.member_id = ANY($1::int[])`, [ids]);
  return levelsOf(rows);
}
