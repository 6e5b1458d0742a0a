import { membershipContract } from "@orgboard/contract-membership";
import { checkTransferRequest, type TransferOrg } from "../../domain/transfer.js";
import { RuleError, conflict, throwIf } from "../errors.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { mutate } from "../mutate.js";
import { procedure } from "../procedure.js";
import { loadMember, loadOrg, loadOrgById, type OrgRow } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { openPeriod } from "../members/membership-ops.js";
import { TRANSFER_COLUMNS, transferView, type TransferRow } from "./transfer-view.js";

const c = membershipContract.procedures;

const asTransferOrg = (o: OrgRow): TransferOrg => ({ id: o.id, kind: o.kind, path: o.path, closedOn: o.closed_on });

// The domain names the member's facts "member…" and the ends "from"/"to"; the caller knows them as these.
const FIELD: Record<string, string> = { "member.status": "memberId", member: "memberId", from: "memberId", to: "toOrgPath" };

/** Requests a transfer of party life from the member's current cell (the sending side's action). */
export const requestTransferRoute = procedure("membership.transfers.manage")
  .input(c.transfers.request.input)
  .output(c.transfers.request.output)
  .mutation(({ ctx, input }) =>
    mutate(ctx, async (tx) => {
      const m = await loadMember(tx, input.memberId, "memberId", true);
      ctx.assertCan({ orgPath: m.org_path });
      const from = await loadOrgById(tx, m.org_id, "memberId");
      const to = input.toOrgPath === undefined ? null : await loadOrg(tx, input.toOrgPath, "toOrgPath");
      const { rows: state } = await tx.query<{ open: number; away: number }>(
        `SELECT count(*) FILTER (WHERE status IN ('requested', 'issued'))::int AS open,
                count(*) FILTER (WHERE kind = 'temporary' AND status = 'received')::int AS away
           FROM transfer WHERE member_id = $1`,
        [m.id],
      );
      const result = checkTransferRequest({
        kind: input.kind,
        requestedOn: input.requestedOn,
        member: { status: m.status, orgId: m.org_id, hasOpenTransfer: state[0]!.open > 0, onTemporaryTransfer: state[0]!.away > 0 },
        from: asTransferOrg(from),
        to: to ? asTransferOrg(to) : null,
        toDescription: input.toDescription,
        expectedReturnOn: input.expectedReturnOn,
        purpose: input.purpose,
      });
      if (!result.ok) {
        const mapped = result.violations.map((v) => ({ ...v, field: FIELD[v.field] ?? v.field }));
        // The member's or the cells' state (already moving, not active, closed) is a conflict; the rest is input.
        const stateful = mapped.filter((v) => v.field === "memberId" || v.code === "destination_closed");
        throw new RuleError(stateful.length > 0 ? "CONFLICT" : "BAD_REQUEST", stateful.length > 0 ? stateful : mapped);
      }
      const period = await openPeriod(tx, m);
      const early = input.requestedOn < period.started_on ? [{ field: "requestedOn", code: "before_period_start", message: `is before the member joined the current cell (${period.started_on})` }] : [];
      throwIf([...notAfterToday(input.requestedOn, ctx.today(), "requestedOn"), ...early]);
      if (to && to.id === from.id) throw conflict("toOrgPath", "same_org", "the member already belongs to this cell");

      const { rows } = await tx.query<TransferRow>(
        `INSERT INTO transfer AS t (member_id, kind, status, from_org_id, from_org_path, to_org_id, to_org_path, to_description, requested_on)
         VALUES ($1, $2, 'requested', $3, $4, $5, $6, $7, $8) RETURNING ${TRANSFER_COLUMNS}`,
        [m.id, input.kind, from.id, from.path, to?.id ?? null, to?.path ?? null, input.toDescription ?? null, input.requestedOn],
      );
      const view = transferView(rows[0]!);
      const payload = { transferId: view.id, memberId: m.id, kind: view.kind, fromOrgPath: view.fromOrgPath, toOrgPath: view.toOrgPath };
      const events: [MembershipEvent, ...MembershipEvent[]] = [membershipEvent("membership.transfer.requested", from.path, view.id, payload)];
      // The destination learns of the request too (its own rooms, its own scope).
      if (to) events.push(membershipEvent("membership.transfer.requested", to.path, view.id, payload));
      return {
        result: view,
        change: { entity: "Transfer", entityId: view.id, orgPath: from.path, after: { ...view, expectedReturnOn: input.expectedReturnOn ?? null, purpose: input.purpose ?? null } },
        events,
      };
    }),
  );
