// The moves of a member's party life that several procedures share. Invariant: an active member has
// exactly one open membership period, in the organization the member row points to; a member who left
// has none. Every move below keeps it inside the caller's transaction.
import { fromDbDate, toDbDate } from "@orgboard/db";
import { bilingual } from "@orgboard/server-kit";
import type { MemberStatus } from "../../domain/enums.js";
import { conflict, invalid } from "../errors.js";
import { isActive, type MemberRecord, type Tx } from "../records.js";

export type EndReason = "transfer_out" | "removal" | "death";

/** The member's one open period, row-locked until commit; CONFLICT if there is none or more than one. */
export async function lockOpenPeriod(tx: Tx, memberId: number, field = "memberId"): Promise<{ id: number; orgId: number; startedOn: string }> {
  await tx.$executeRaw`SELECT 1 FROM membership_period WHERE member_id = ${memberId} AND ended_on IS NULL FOR UPDATE`;
  const rows = await tx.membershipPeriod.findMany({ where: { memberId, endedOn: null }, select: { id: true, orgId: true, startedOn: true } });
  if (rows.length !== 1) throw conflict(field, "membership_inconsistent", bilingual(`đảng viên có ${rows.length} giai đoạn sinh hoạt đang mở; phải có đúng một`, `the member has ${rows.length} open membership periods; expected exactly one`));
  return { id: rows[0]!.id, orgId: rows[0]!.orgId, startedOn: fromDbDate(rows[0]!.startedOn) };
}

/**
 * Ends the member's membership here: closes the open period on `on` and sets the final status. Open
 * transfers are cancelled (a member who left cannot arrive anywhere). `member` must have been loaded with its row lock (findMember(…, true)).
 */
export async function endMembershipOf(tx: Tx, member: Pick<MemberRecord, "id" | "status">, on: string, reason: EndReason, status: Exclude<MemberStatus, "probationary" | "official">, dateField: string): Promise<void> {
  if (!isActive(member.status as MemberStatus)) throw conflict("memberId", "not_active", bilingual(`đảng viên đang ở trạng thái ${member.status}`, `the member is ${member.status}`));
  const period = await lockOpenPeriod(tx, member.id);
  if (on < period.startedOn) throw invalid(dateField, "before_period_start", bilingual(`${on} trước ngày đảng viên bắt đầu sinh hoạt ở tổ chức hiện tại (${period.startedOn})`, `${on} is before the member joined the current organization (${period.startedOn})`));
  await tx.membershipPeriod.update({ where: { id: period.id }, data: { endedOn: toDbDate(on), endReason: reason } });
  await tx.member.update({ where: { id: member.id }, data: { status, leftOn: toDbDate(on) } });
  await tx.transfer.updateMany({ where: { memberId: member.id, status: { in: ["requested", "issued"] } }, data: { status: "cancelled" } });
}
