import { membershipContract } from "@orgboard/contract-membership";
import { transitionTransfer } from "../../domain/transfer.js";
import { check, conflict, throwIf } from "../errors.js";
import { membershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { notAfterToday } from "../schemas.js";
import { actingPath, loadTransfer, transferView } from "./transfer-view.js";

const c = membershipContract.procedures;

/** Cancels a transfer that has not been received yet (the sending side's action). Nothing moves. */
export const cancelTransferRoute = procedure("membership.transfers.manage")
  .input(c.transfers.cancel.input)
  .output(c.transfers.cancel.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const t = await loadTransfer(tx, input.transferId, true);
      const orgPath = actingPath(t, "sender");
      ctx.assertCan({ orgPath });
      const on = input.cancelledOn ?? ctx.today();
      throwIf(notAfterToday(on, ctx.today(), "cancelledOn"));
      if (t.status !== "requested" && t.status !== "issued") throw conflict("transferId", "not_open", `the transfer is ${t.status}: only a transfer not yet received can be cancelled`);
      check(
        transitionTransfer({ kind: t.kind, status: t.status, requestedOn: t.requested_on, issuedOn: t.issued_on, receivedOn: t.received_on, returnedOn: t.returned_on }, "cancelled", on),
        "BAD_REQUEST",
        { on: "cancelledOn" },
      );
      await tx.query(`UPDATE transfer SET status = 'cancelled' WHERE id = $1`, [t.id]);
      const view = transferView({ ...t, status: "cancelled" });
      return {
        result: view,
        change: { entity: "Transfer", entityId: t.id, orgPath, before: transferView(t), after: { ...view, cancelledOn: on, reason: input.reason ?? null } },
        events: [membershipEvent("membership.transfer.cancelled", orgPath, t.id, { transferId: t.id, memberId: t.member_id, cancelledOn: on })],
      };
    }),
  );
