import { membershipContract } from "@orgboard/contract-membership";
import { memberStatusAfterTransfer, transitionTransfer, type TransferState } from "../../domain/transfer.js";
import { check, conflict, throwIf } from "../errors.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { isActive, isOpenOn, loadMember, loadOrgById } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { endMembership, openPeriod } from "../members/membership-ops.js";
import { actingPath, loadTransfer, transferView } from "./transfer-view.js";

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
    mutate(ctx, async (tx) => {
      const t = await loadTransfer(tx, input.transferId, true);
      ctx.assertCan({ orgPath: actingPath(t, "receiver") });
      const m = await loadMember(tx, t.member_id, "transferId", true);
      const issuedOn = t.issued_on ?? input.issuedOn ?? input.receivedOn;
      let state: TransferState = { kind: t.kind, status: t.status, requestedOn: t.requested_on, issuedOn: t.issued_on, receivedOn: t.received_on, returnedOn: t.returned_on };
      if (t.status !== "requested" && t.status !== "issued") throw conflict("transferId", "not_open", `the transfer is ${t.status}`);
      if (state.status === "requested") state = check(transitionTransfer(state, "issued", issuedOn), "BAD_REQUEST", { on: input.issuedOn ? "issuedOn" : "receivedOn" });
      state = check(transitionTransfer(state, "received", input.receivedOn), "BAD_REQUEST", { on: "receivedOn" });
      throwIf(notAfterToday(input.receivedOn, ctx.today(), "receivedOn"));
      if (!isActive(m.status)) throw conflict("transferId", "member_not_active", `the member is ${m.status}`);

      const events: [MembershipEvent, ...MembershipEvent[]] = [
        membershipEvent("membership.transfer.completed", actingPath(t, "receiver"), t.id, {
          transferId: t.id, memberId: m.id, kind: t.kind, side: t.to_org_path ? "in" : "out", fromOrgPath: t.from_org_path, toOrgPath: t.to_org_path, receivedOn: input.receivedOn,
        }),
      ];
      if (t.kind === "official") {
        if (m.org_id !== t.from_org_id) throw conflict("transferId", "member_moved", "the member no longer belongs to the sending cell");
        if (t.to_org_id === null) {
          // Leaving the system: the member is no longer counted here (domain memberStatusAfterTransfer).
          if (memberStatusAfterTransfer(t.kind, "received", false) !== "transferred_out") throw new Error("unexpected transfer rule");
          await endMembership(tx, m, input.receivedOn, "transfer_out", "transferred_out", "receivedOn");
        } else {
          const to = await loadOrgById(tx, t.to_org_id, "transferId");
          if (!isOpenOn(to, input.receivedOn)) throw conflict("transferId", "destination_closed", `the destination ${to.path} is not open on ${input.receivedOn}`);
          const period = await openPeriod(tx, m, "transferId");
          if (input.receivedOn < period.started_on) throw conflict("receivedOn", "before_period_start", `is before the member joined the sending cell (${period.started_on})`);
          await tx.query(`UPDATE membership_period SET ended_on = $2, end_reason = 'transfer_out' WHERE id = $1`, [period.id, input.receivedOn]);
          await tx.query(`INSERT INTO membership_period (member_id, org_id, org_path, started_on, start_reason) VALUES ($1, $2, $3, $4, 'transfer_in')`, [m.id, to.id, to.path, input.receivedOn]);
          await tx.query(`UPDATE member SET org_id = $2, org_path = $3, updated_at = now() WHERE id = $1`, [m.id, to.id, to.path]);
          const { rows } = await tx.query<{ open: number; at_member_org: number }>(
            `SELECT count(*)::int AS open, count(*) FILTER (WHERE org_id = $2)::int AS at_member_org FROM membership_period WHERE member_id = $1 AND ended_on IS NULL`,
            [m.id, to.id],
          );
          // The invariant, checked where it could break: one open period, in the organization the member row names.
          if (rows[0]!.open !== 1 || rows[0]!.at_member_org !== 1) throw new Error(`transfer ${t.id}: member ${m.id} would have ${rows[0]!.open} open periods`);
          events.push(
            membershipEvent("membership.transfer.completed", t.from_org_path!, t.id, {
              transferId: t.id, memberId: m.id, kind: t.kind, side: "out", fromOrgPath: t.from_org_path, toOrgPath: t.to_org_path, receivedOn: input.receivedOn,
            }),
          );
        }
      }
      await tx.query(`UPDATE transfer SET status = 'received', issued_on = $2, received_on = $3 WHERE id = $1`, [t.id, state.issuedOn, input.receivedOn]);
      const view = transferView({ ...t, status: "received", issued_on: state.issuedOn, received_on: input.receivedOn });
      return {
        result: view,
        change: { entity: "Transfer", entityId: t.id, orgPath: actingPath(t, "receiver"), before: transferView(t), after: view },
        events,
      };
    }),
  );
