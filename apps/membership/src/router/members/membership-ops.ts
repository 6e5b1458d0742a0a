// The moves of a member's party life that several procedures share. Invariant: an active member has
// exactly one open membership period, in the organization the member row points to; a member who left
// has none. Every move below keeps it inside the caller's transaction.
import type { Sql } from "../../db/sql.js";
import type { MemberStatus } from "../../domain/enums.js";
import { conflict, invalid } from "../errors.js";
import { isActive, type MemberRow } from "../records.js";

export type EndReason = "transfer_out" | "removal" | "death";

interface OpenPeriod {
  id: number;
  org_id: number;
  started_on: string;
}

/** The member's one open period (locked); CONFLICT if there is none or more than one. */
export async function openPeriod(tx: Sql, member: Pick<MemberRow, "id">, field = "memberId"): Promise<OpenPeriod> {
  const { rows } = await tx.query<OpenPeriod>(`SELECT id, org_id, started_on FROM membership_period WHERE member_id = $1 AND ended_on IS NULL FOR UPDATE`, [member.id]);
  if (rows.length !== 1) throw conflict(field, "membership_inconsistent", `the member has ${rows.length} open membership periods; expected exactly one`);
  return rows[0]!;
}

/**
 * Ends the member's membership here: closes the open period on `on` and sets the final status. Open
 * transfers are cancelled (a member who left cannot arrive anywhere).
 */
export async function endMembership(tx: Sql, member: MemberRow, on: string, reason: EndReason, status: Exclude<MemberStatus, "probationary" | "official">, dateField: string): Promise<void> {
  if (!isActive(member.status)) throw conflict("memberId", "not_active", `the member is ${member.status}`);
  const period = await openPeriod(tx, member);
  if (on < period.started_on) throw invalid(dateField, "before_period_start", `${on} is before the member joined the current organization (${period.started_on})`);
  await tx.query(`UPDATE membership_period SET ended_on = $2, end_reason = $3 WHERE id = $1`, [period.id, on, reason]);
  await tx.query(`UPDATE member SET status = $2, left_on = $3, updated_at = now() WHERE id = $1`, [member.id, status, on]);
  await tx.query(`UPDATE transfer SET status = 'cancelled' WHERE member_id = $1 AND status IN ('requested', 'issued')`, [member.id]);
}
