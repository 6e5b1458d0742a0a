import { membershipContract } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import type { MemberStatus } from "../../domain/enums.js";
import { transitionTransfer } from "../../domain/transfer.js";
import { check, conflict, throwIf } from "../errors.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember, isActive } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { actingPath, loadTransfer, transferState, transferView, notFoundTransfer } from "./transfer-view.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/**
 * Ends a temporary transfer: the member is back in the home cell, which records it (the member reports
 * back there). Nothing else moves: a temporary transfer never changed the member's organization or
 * membership period (the member stayed counted at home), so the return only closes the transfer, after
 * which the member may be sent away again.
 */
export const returnTransferRoute = procedure("membership.transfers.manage")
  .input(c.transfers.return.input)
  .output(c.transfers.return.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const t = await loadTransfer(tx, input.transferId);
      const home = actingPath(t, "sender");
      assertInScope(ctx, home, notFoundTransfer);
      throwIf(notAfterToday(input.returnedOn, ctx.today(), "returnedOn"));
      if (t.kind !== "temporary") throw conflict("transferId", "not_temporary", bilingual("chỉ việc chuyển sinh hoạt tạm thời mới kết thúc bằng việc trở về; chuyển sinh hoạt chính thức đã chuyển hẳn đảng viên", "only a temporary transfer ends with a return; an official transfer moved the member for good"));
      if (t.status !== "received") throw conflict("transferId", "not_away", bilingual(`việc chuyển sinh hoạt đang ở trạng thái ${t.status}: chỉ việc chuyển tạm thời đã được tiếp nhận mới kết thúc bằng việc trở về`, `the transfer is ${t.status}: only a received temporary transfer ends with a return`));
      const m = await findMember(tx, t.memberId, "transferId", true);
      if (!isActive(m.status as MemberStatus)) throw conflict("transferId", "member_not_active", bilingual(`đảng viên đang ở trạng thái ${m.status}`, `the member is ${m.status}`));
      check(transitionTransfer(transferState(t), "returned", input.returnedOn), "BAD_REQUEST", { on: "returnedOn" });
      const view = transferView(await tx.transfer.update({ where: { id: t.id }, data: { status: "returned", returnedOn: toDbDate(input.returnedOn) } }));
      const payload = { transferId: t.id, memberId: m.id, fromOrgPath: t.fromOrgPath, toOrgPath: t.toOrgPath, returnedOn: input.returnedOn };
      const events: [MembershipEvent, ...MembershipEvent[]] = [membershipEvent("membership.transfer.returned", home, t.id, payload)];
      // The host cell learns that the member left it too (its own rooms, its own scope).
      if (t.toOrgPath && t.toOrgPath !== home) events.push(membershipEvent("membership.transfer.returned", t.toOrgPath, t.id, payload));
      await recordCallerChange(tx, ctx, { entity: "Transfer", entityId: t.id, orgPath: home, before: transferView(t), after: view, events });
      return view;
    }),
  );
