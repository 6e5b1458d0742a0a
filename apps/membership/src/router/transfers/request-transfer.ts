import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDateOrNull, toDbDate } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import type { MemberStatus, OrgKind } from "../../domain/enums.js";
import { checkTransferRequest, type TransferOrg } from "../../domain/transfer.js";
import { conflict, notFound, notFoundMember, RuleError, throwIf } from "../errors.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";
import { findMember, findOrg, type OrgRecord } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { lockOpenPeriod } from "../members/membership-ops.js";
import { transferView } from "./transfer-view.js";
import { bilingual } from "@orgboard/server-kit";

const c = membershipContract.procedures;

const asTransferOrg = (o: OrgRecord): TransferOrg => ({ id: o.id, kind: o.kind as OrgKind, path: o.path, closedOn: fromDbDateOrNull(o.closedOn) });

// The domain names the member's facts "member…" and the ends "from"/"to"; the caller knows them as these.
const FIELD: Record<string, string> = { "member.status": "memberId", member: "memberId", from: "memberId", to: "toOrgPath" };

/** Requests a transfer of party life from the member's current cell (the sending side's action). */
export const requestTransferRoute = procedure("membership.transfers.manage")
  .input(c.transfers.request.input)
  .output(c.transfers.request.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const m = await findMember(tx, input.memberId, "memberId", true);
      assertInScope(ctx, m.orgPath, () => notFoundMember("memberId"));
      const from = await tx.partyOrganization.findUnique({ where: { id: m.orgId } });
      if (!from) throw notFound("memberId", bilingual(`không có tổ chức đảng ${m.orgId} của đảng viên`, `the member's organization ${m.orgId} does not exist`));
      const to = input.toOrgPath === undefined ? null : await findOrg(tx, input.toOrgPath, "toOrgPath");
      const [open, away] = await Promise.all([
        tx.transfer.count({ where: { memberId: m.id, status: { in: ["requested", "issued"] } } }),
        tx.transfer.count({ where: { memberId: m.id, kind: "temporary", status: "received" } }),
      ]);
      const result = checkTransferRequest({
        kind: input.kind,
        requestedOn: input.requestedOn,
        member: { status: m.status as MemberStatus, orgId: m.orgId, hasOpenTransfer: open > 0, onTemporaryTransfer: away > 0 },
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
      const period = await lockOpenPeriod(tx, m.id);
      const early = input.requestedOn < period.startedOn ? [{ field: "requestedOn", code: "before_period_start", message: bilingual(`trước ngày đảng viên bắt đầu sinh hoạt ở chi bộ hiện tại (${period.startedOn})`, `is before the member joined the current cell (${period.startedOn})`) }] : [];
      throwIf([...notAfterToday(input.requestedOn, ctx.today(), "requestedOn"), ...early]);
      if (to && to.id === from.id) throw conflict("toOrgPath", "same_org", bilingual("đảng viên đã sinh hoạt ở chi bộ này", "the member already belongs to this cell"));

      const created = await tx.transfer.create({
        data: {
          memberId: m.id,
          kind: input.kind,
          status: "requested",
          fromOrgId: from.id,
          fromOrgPath: from.path,
          toOrgId: to?.id ?? null,
          toOrgPath: to?.path ?? null,
          toDescription: input.toDescription ?? null,
          requestedOn: toDbDate(input.requestedOn),
        },
      });
      const view = transferView(created);
      const payload = { transferId: view.id, memberId: m.id, kind: view.kind, fromOrgPath: view.fromOrgPath, toOrgPath: view.toOrgPath };
      const events: [MembershipEvent, ...MembershipEvent[]] = [membershipEvent("membership.transfer.requested", from.path, view.id, payload)];
      // The destination learns of the request too (its own rooms, its own scope).
      if (to) events.push(membershipEvent("membership.transfer.requested", to.path, view.id, payload));
      await recordCallerChange(tx, ctx, {
        entity: "Transfer",
        entityId: view.id,
        orgPath: from.path,
        after: { ...view, expectedReturnOn: input.expectedReturnOn ?? null, purpose: input.purpose ?? null },
        events,
      });
      return view;
    }),
  );
