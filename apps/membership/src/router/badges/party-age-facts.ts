// Party-age facts of members from their records: party age counts from the admission date (the date
// this system holds), and the gaps between consecutive membership periods are interruptions of party
// life (Quy định thi hành Điều lệ 4.5).
import { fromDbDate, fromDbDateOrNull } from "@orgboard/db";
import type { BadgeYears } from "../../domain/enums.js";
import type { Interruption, PartyAgeFacts } from "../../domain/party-age.js";
import type { Member } from "../../generated/prisma/client.js";
import type { Tx } from "../records.js";

export async function partyAgeFacts(tx: Tx, members: readonly Pick<Member, "id" | "admittedOn" | "officialOn">[]): Promise<Map<number, PartyAgeFacts>> {
  const periods = await tx.membershipPeriod.findMany({
    where: { memberId: { in: members.map((m) => m.id) } },
    orderBy: [{ memberId: "asc" }, { startedOn: "asc" }, { id: "asc" }],
    select: { memberId: true, startedOn: true, endedOn: true },
  });
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
  return new Map(members.map((m) => [m.id, { admissionDecisionOn: fromDbDate(m.admittedOn), officialOn: fromDbDateOrNull(m.officialOn), interruptions: gaps.get(m.id) ?? [] }]));
}

/** Badge levels already proposed or awarded, per member. */
export async function badgeLevels(tx: Tx, ids: readonly number[]): Promise<Map<number, { proposed: BadgeYears[]; awarded: BadgeYears[] }>> {
  const rows = await tx.badgeAward.findMany({ where: { memberId: { in: [...ids] } }, select: { memberId: true, years: true, awardedOn: true } });
  const out = new Map<number, { proposed: BadgeYears[]; awarded: BadgeYears[] }>();
  for (const r of rows) {
    const e = out.get(r.memberId) ?? { proposed: [], awarded: [] };
    (r.awardedOn === null ? e.proposed : e.awarded).push(r.years as BadgeYears);
    out.set(r.memberId, e);
  }
  return out;
}
