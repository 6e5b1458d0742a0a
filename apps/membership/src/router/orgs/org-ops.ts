// Closing an organization, shared by the close procedure and the application of a dissolution decided in
// inspection (src/decisions/): the same check of what still lives in it, the same writes and event.
import type { Sql } from "../../db/sql.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import type { Change } from "../mutate.js";
import { ORG_COLUMNS, orgView, type OrgRow } from "../records.js";

/** What still lives in an organization: open children, active members, transfers in progress to or from it. */
export interface OrgContents {
  children: number;
  members: number;
  transfers: number;
}

export async function orgContents(tx: Sql, orgId: number): Promise<OrgContents> {
  const { rows } = await tx.query<OrgContents>(
    `SELECT (SELECT count(*)::int FROM party_organization WHERE parent_id = $1 AND closed_on IS NULL) AS children,
            (SELECT count(*)::int FROM member WHERE org_id = $1 AND status IN ('probationary', 'official')) AS members,
            (SELECT count(*)::int FROM transfer WHERE (from_org_id = $1 OR to_org_id = $1) AND status IN ('requested', 'issued')) AS transfers`,
    [orgId],
  );
  return rows[0]!;
}

/** Closes `before` (loaded with a row lock, checked empty by the caller) on `closedOn`. */
export async function closeOrganization(tx: Sql, before: OrgRow, closedOn: string): Promise<{ row: OrgRow; change: Change; event: MembershipEvent }> {
  const { rows } = await tx.query<OrgRow>(`UPDATE party_organization AS o SET closed_on = $2, updated_at = now() WHERE o.id = $1 RETURNING ${ORG_COLUMNS}`, [before.id, closedOn]);
  const row = rows[0]!;
  const org = orgView(row);
  return {
    row,
    change: { entity: "PartyOrganization", entityId: org.id, orgPath: org.path, before: orgView(before), after: org },
    event: membershipEvent("membership.organization.closed", org.path, org.id, { orgId: org.id, closedOn }),
  };
}
