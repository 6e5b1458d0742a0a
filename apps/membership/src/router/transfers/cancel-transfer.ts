import { membershipContract } from "@orgboard/contract-membership";
import { recordCallerChange } from "@orgboard/events";
import { transitionTransfer } from "../../domain/transfer.js";
import { check, conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { notAfterToday } from "../schemas.js";
import { actingPath, loadTransfer, transferState, transferView, notFoundTransfer } from "./transfer-view.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

/** Cancels a transfer that has not been received yet (the sending side's action). Nothing moves. */
export const cancelTransferRoute = procedure("membership.transfers.manage")
  .input(c.transfers.cancel.input)
  .output(c.transfers.cancel.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const t = await loadTransfer(tx, input.transferId);
      const orgPath = actingPath(t, "sender");
      assertInScope(ctx, orgPath, notFoundTransfer);
      const on = input.cancelledOn ?? ctx.today();
      throwIf(notAfterToday(on, ctx.today(), "cancelledOn"));
      if (t.status !== "requested" && t.status !== "issued") throw conflict("transferId", "not_open", bilingual(`việc chuyển sinh hoạt đang ở trạng thái ${t.status}: chỉ hủy được việc chuyển chưa được tiếp nhận`, `the transfer is ${t.status}: only a transfer not yet received can be cancelled`));
      check(transitionTransfer(transferState(t), "cancelled", on), "BAD_REQUEST", { on: "cancelledOn" });
      const view = transferView(await tx.transfer.update({ where: { id: t.id }, data: { status: "cancelled" } }));
      await recordCallerChange(tx, ctx, {
        entity: "Transfer",
        entityId: t.id,
        orgPath,
        before: transferView(t),
        after: { ...view, cancelledOn: on, reason: input.reason ?? null },
        events: [membershipEvent("membership.transfer.cancelled", orgPath, t.id, { transferId: t.id, memberId: t.memberId, cancelledOn: on })],
      });
      return view;
    }),
  );
