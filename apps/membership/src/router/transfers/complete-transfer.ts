import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, fromDbDateOrNull, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import type { MemberStatus } from "../../domain/enums.js";
import { memberStatusAfterTransfer, transitionTransfer, type TransferState } from "../../domain/transfer.js";
import { check, conflict, notFound, throwIf } from "../errors.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember, isActive, isOpenOn } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { endMembershipOf, lockOpenPeriod } from "../members/membership-ops.js";
import { actingPath, loadTransfer, transferState, transferView, notFoundTransfer } from "./transfer-view.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/**
 * Completes a transfer: the receiving side records the arrival (the sending side, when the destination
 * is outside this system). An official move inside the system is ONE atomic step: the open membership
 * period is closed and the new one opened on the same day, and the member row moves, in one transaction
 * holding the member's row lock, so the member is never in two organizations or in none. A temporary
 * transfer changes no membership (the member stays counted at home).
 */
export const completeTransferRoute = procedure("membership.transfers.manage")
  .input(c.transfers.complete.input)
  .output(c.transfers.complete.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const t = await loadTransfer(tx, input.transferId);
      const receiver = actingPath(t, "receiver");
      assertInScope(ctx, receiver, notFoundTransfer);
      const m = await findMember(tx, t.memberId, "transferId", true);
      let state: TransferState = transferState(t);
      const issuedOn = state.issuedOn ?? input.issuedOn ?? input.receivedOn;
      if (t.status !== "requested" && t.status !== "issued") throw conflict("transferId", "not_open", bilingual(`việc chuyển sinh hoạt đang ở trạng thái ${t.status}`, `the transfer is ${t.status}`));
      if (state.status === "requested") state = check(transitionTransfer(state, "issued", issuedOn), "BAD_REQUEST", { on: input.issuedOn ? "issuedOn" : "receivedOn" });
      state = check(transitionTransfer(state, "received", input.receivedOn), "BAD_REQUEST", { on: "receivedOn" });
      throwIf(notAfterToday(input.receivedOn, ctx.today(), "receivedOn"));
      if (!isActive(m.status as MemberStatus)) throw conflict("transferId", "member_not_active", bilingual(`đảng viên đang ở trạng thái ${m.status}`, `the member is ${m.status}`));

      const completed = { transferId: t.id, memberId: m.id, kind: t.kind as "official" | "temporary", fromOrgPath: t.fromOrgPath, toOrgPath: t.toOrgPath, receivedOn: input.receivedOn };
      const events: [MembershipEvent, ...MembershipEvent[]] = [membershipEvent("membership.transfer.completed", receiver, t.id, { ...completed, side: t.toOrgPath ? "in" : "out" })];
      if (t.kind === "official") {
        if (m.orgId !== t.fromOrgId) throw conflict("transferId", "member_moved", bilingual("đảng viên không còn sinh hoạt ở chi bộ chuyển đi", "the member no longer belongs to the sending cell"));
        if (t.toOrgId === null) {
          // Leaving the system: the member is no longer counted here (domain memberStatusAfterTransfer).
          if (memberStatusAfterTransfer("official", "received", false) !== "transferred_out") throw new Error("unexpected transfer rule");
          await endMembershipOf(tx, m, input.receivedOn, "transfer_out", "transferred_out", "receivedOn");
        } else {
          const to = await tx.partyOrganization.findUnique({ where: { id: t.toOrgId } });
          if (!to) throw notFound("transferId", bilingual(`không có tổ chức đảng nơi đến ${t.toOrgId}`, `the destination ${t.toOrgId} does not exist`));
          if (!isOpenOn({ opened_on: fromDbDate(to.openedOn), closed_on: fromDbDateOrNull(to.closedOn) }, input.receivedOn)) {
            throw conflict("transferId", "destination_closed", bilingual(`tổ chức đảng nơi đến ${to.path} không hoạt động vào ngày ${input.receivedOn}`, `the destination ${to.path} is not open on ${input.receivedOn}`));
          }
          const period = await lockOpenPeriod(tx, m.id, "transferId");
          if (input.receivedOn < period.startedOn) throw conflict("receivedOn", "before_period_start", bilingual(`trước ngày đảng viên bắt đầu sinh hoạt ở chi bộ chuyển đi (${period.startedOn})`, `is before the member joined the sending cell (${period.startedOn})`));
          const on = toDbDate(input.receivedOn);
          await tx.membershipPeriod.update({ where: { id: period.id }, data: { endedOn: on, endReason: "transfer_out" } });
          await tx.membershipPeriod.create({ data: { memberId: m.id, orgId: to.id, orgPath: to.path, startedOn: on, startReason: "transfer_in" } });
          await tx.member.update({ where: { id: m.id }, data: { orgId: to.id, orgPath: to.path } });
          const [open, atMemberOrg] = await Promise.all([
            tx.membershipPeriod.count({ where: { memberId: m.id, endedOn: null } }),
            tx.membershipPeriod.count({ where: { memberId: m.id, endedOn: null, orgId: to.id } }),
          ]);
          // The invariant, checked where it could break: one open period, in the organization the member row names.
          if (open !== 1 || atMemberOrg !== 1) throw new Error(`transfer ${t.id}: member ${m.id} would have ${open} open periods`);
          events.push(membershipEvent("membership.transfer.completed", t.fromOrgPath!, t.id, { ...completed, side: "out" }));
        }
      }
      const updated = await tx.transfer.update({ where: { id: t.id }, data: { status: "received", issuedOn: toDbDate(state.issuedOn!), receivedOn: toDbDate(input.receivedOn) } });
      const view = transferView(updated);
      await recordCallerChange(tx, ctx, { entity: "Transfer", entityId: t.id, orgPath: receiver, before: transferView(t), after: view, events });
      return view;
    }),
  );
