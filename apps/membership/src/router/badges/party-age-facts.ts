// Party-age facts of members from their records: party age counts from the date of the admission decision
// (admission.decided_on; the ceremony date admitted_on where no decision date was recorded), and the gaps between consecutive membership periods are interruptions of party
// life (Quy định thi hành Điều lệ 4.5).
import type { Sql } from "../../db/sql.js";
import type { BadgeYears } from "../../domain/enums.js";
import type { Interruption, PartyAgeFacts } from "../../domain/party-age.js";

export async function partyAgeFacts(tx: Sql, members: readonly { id: number; admitted_on: string; official_on: string | null }[]): Promise<Map<number, PartyAgeFacts>> {
  const ids = members.map((m) => m.id);
  const { rows } = await tx.query<{ member_id: number; started_on: string; ended_on: string | null }>(
    `SELECT member_id, started_on, ended_on FROM membership_period WHERE member_id = ANY($1::int[]) ORDER BY member_id, started_on, id`,
    [ids],
  );
  const { rows: decisions } = await tx.query<{ member_id: number; decided_on: string }>(
    `SELECT member_id, decided_on FROM admission WHERE member_id = ANY($1::int[]) AND decided_on IS NOT NULL`,
    [ids],
  );
  const decidedOn = new Map(decisions.map((d) => [d.member_id, d.decided_on]));
  const gaps = new Map<number, Interruption[]>();
  let prev: { member_id: number; ended_on: string | null } | null = null;
  for (const r of rows) {
    if (prev && prev.member_id === r.member_id && prev.ended_on !== null && r.started_on > prev.ended_on) {
      const list = gaps.get(r.member_id) ?? [];
      list.push({ from: prev.ended_on, to: r.started_on });
      gaps.set(r.member_id, list);
    }
    prev = r;
  }
  return new Map(members.map((m) => [m.id, { admissionDecisionOn: decidedOn.get(m.id) ?? m.admitted_on, officialOn: m.official_on, interruptions: gaps.get(m.id) ?? [] }]));
}

/** Badge levels already proposed or awarded, per member. */
export async function badgeLevels(tx: Sql, ids: readonly number[]): Promise<Map<number, { proposed: BadgeYears[]; awarded: BadgeYears[] }>> {
  const { rows } = await tx.query<{ member_id: number; years: BadgeYears; awarded_on: string | null }>(
    `SELECT member_id, years, awarded_on FROM badge_award WHERE member_id = ANY($1::int[])`,
    [ids],
  );
  const out = new Map<number, { proposed: BadgeYears[]; awarded: BadgeYears[] }>();
  for (const r of rows) {
    const e = out.get(r.member_id) ?? { proposed: [], awarded: [] };
    (r.awarded_on === null ? e.proposed : e.awarded).push(r.years);
    out.set(r.member_id, e);
  }
  return out;
}
