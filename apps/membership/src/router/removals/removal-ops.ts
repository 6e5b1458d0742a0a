// A member leaving the Party, shared by the removal procedure and the application of an expulsion decided
// in inspection (src/decisions/): the same writes, audit change and event either way, on Prisma Client
// inside the caller's transaction.
import { toDbDate } from "@orgboard/db";
import type { RemovalKind } from "../../domain/enums.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { endMembershipOf } from "../members/membership-ops.js";
import type { Change } from "../mutate.js";
import type { MemberRecord, Tx } from "../records.js";

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
 * records the removal. `m` loaded with its row lock (findMember(…, true)). Throws the RuleErrors of
 * endMembershipOf.
 */
export async function recordRemovalOf(tx: Tx, m: MemberRecord, r: RemovalRecord): Promise<{ change: Change; event: MembershipEvent }> {
  await endMembershipOf(tx, m, r.removedOn, "removal", "removed", "removedOn");
  await tx.removal.create({
    data: { memberId: m.id, orgPath: m.orgPath, kind: r.kind, removedOn: toDbDate(r.removedOn), decisionNumber: r.decisionNumber, decidedOn: r.decidedOn ? toDbDate(r.decidedOn) : null, reason: r.reason },
  });
  return removalOutcome(m, r);
}
