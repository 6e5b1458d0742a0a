// A member leaving the Party, shared by the removal procedure and the application of an expulsion decided
// in inspection (src/decisions/): the same writes, audit change and event either way. The procedure writes
// through Prisma Client (recordRemovalOf); the decision consumer still runs on the raw `Sql` handle in
// one transaction with its stream checkpoint (recordRemoval) until it moves to Prisma too.
import { toDbDate } from "@orgboard/db";
import type { Sql } from "../../db/sql.js";
import type { RemovalKind } from "../../domain/enums.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { endMembership, endMembershipOf } from "../members/membership-ops.js";
import type { Change } from "../mutate.js";
import type { MemberRecord, MemberRow, Tx } from "../records.js";

export interface RemovalRecord {
  kind: RemovalKind;
  removedOn: string;
  decisionNumber: string | null;
  /** The decision's date, when known (decisions applied from inspection). */
  decidedOn?: string | null;
  reason: string | null;
}

/** The audit change and the event of a removal (the same whichever path wrote it). */
function removalOutcome(m: { id: number; orgPath: string; status: string }, r: RemovalRecord): { change: Change; event: MembershipEvent } {
  return {
    change: {
      entity: "Removal",
      entityId: m.id,
      orgPath: m.orgPath,
      before: { status: m.status },
      after: { kind: r.kind, removedOn: r.removedOn, decisionNumber: r.decisionNumber, ...(r.decidedOn ? { decidedOn: r.decidedOn } : {}), reason: r.reason },
    },
    event: membershipEvent("membership.member.removed", m.orgPath, m.id, { memberId: m.id, kind: r.kind, removedOn: r.removedOn }),
  };
}

/**
 * Ends `m`'s membership on `removedOn` (status removed, open transfers cancelled: membership-ops) and
 * records the removal. `m` must have been loaded with a row lock. Throws the RuleErrors of endMembership.
 */
export async function recordRemoval(tx: Sql, m: MemberRow, r: RemovalRecord): Promise<{ change: Change; event: MembershipEvent }> {
  await endMembership(tx, m, r.removedOn, "removal", "removed", "removedOn");
  await tx.query(`INSERT INTO removal (member_id, org_path, kind, removed_on, decision_number, decided_on, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    m.id, m.org_path, r.kind, r.removedOn, r.decisionNumber, r.decidedOn ?? null, r.reason,
  ]);
  return removalOutcome({ id: m.id, orgPath: m.org_path, status: m.status }, r);
}

/** recordRemoval on Prisma Client; `m` loaded with its row lock (findMember(…, true)). */
export async function recordRemovalOf(tx: Tx, m: MemberRecord, r: RemovalRecord): Promise<{ change: Change; event: MembershipEvent }> {
  await endMembershipOf(tx, m, r.removedOn, "removal", "removed", "removedOn");
  await tx.removal.create({
    data: { memberId: m.id, orgPath: m.orgPath, kind: r.kind, removedOn: toDbDate(r.removedOn), decisionNumber: r.decisionNumber, decidedOn: r.decidedOn ? toDbDate(r.decidedOn) : null, reason: r.reason },
  });
  return removalOutcome(m, r);
}
