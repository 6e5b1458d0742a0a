// Closing an organization, shared by the close procedure and the application of a dissolution decided in
// inspection (src/decisions/): the same check of what still lives in it, the same writes and event, on
// Prisma Client inside the caller's transaction.
import { toDbDate } from "@orgboard/db";
import { membershipEvent, type MembershipEvent } from "../events.js";
import type { Change } from "../mutate.js";
import { orgViewOf, type OrgRecord, type Tx } from "../records.js";

/** What still lives in an organization: open children, active members, transfers in progress to or from it. */
export interface OrgContents {
  children: number;
  members: number;
  transfers: number;
}

export async function orgContents(tx: Tx, orgId: number): Promise<OrgContents> {
  // One after the other: an interactive transaction runs one statement at a time anyway.
  const children = await tx.partyOrganization.count({ where: { parentId: orgId, closedOn: null } });
  const members = await tx.member.count({ where: { orgId, status: { in: ["probationary", "official"] } } });
  const transfers = await tx.transfer.count({ where: { OR: [{ fromOrgId: orgId }, { toOrgId: orgId }], status: { in: ["requested", "issued"] } } });
  return { children, members, transfers };
}

/** Closes `before` (loaded with a row lock, checked empty by the caller) on `closedOn`. */
export async function closeOrganization(tx: Tx, before: OrgRecord, closedOn: string): Promise<{ row: OrgRecord; change: Change; event: MembershipEvent }> {
  const row = await tx.partyOrganization.update({ where: { id: before.id }, data: { closedOn: toDbDate(closedOn) } });
  const org = orgViewOf(row);
  return {
    row,
    change: { entity: "PartyOrganization", entityId: org.id, orgPath: org.path, before: orgViewOf(before), after: org },
    event: membershipEvent("membership.organization.closed", org.path, org.id, { orgId: org.id, closedOn }),
  };
}
