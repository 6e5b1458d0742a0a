import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, fromDbDateOrNull } from "@orgboard/db";
import type { MemberStatus, RemovalKind, TransferKind, TransferStatus } from "../../domain/enums.js";
import { auditRead } from "../audit-read.js";
import { notFoundMember } from "../errors.js";
import { procedure } from "../procedure.js";
import { assertInScope } from "../scope.js";

const c = membershipContract.procedures;

/** A member's party life: membership periods, transfers, admission and probation, removal or death. */
export const memberHistoryRoute = procedure("membership.members.read")
  .input(c.members.history.input)
  .output(c.members.history.output)
  .query(async ({ ctx, input }) => {
    const m = await ctx.prisma.member.findUnique({
      where: { id: input.id },
      include: {
        periods: { include: { org: { select: { name: true } } }, orderBy: [{ startedOn: "asc" }, { id: "asc" }] },
        transfers: { orderBy: [{ requestedOn: "asc" }, { id: "asc" }] },
        admission: true,
        removal: true,
        death: true,
      },
    });
    // Absent and outside the scope: the same answer (#9 finding 5).
    if (!m) throw notFoundMember("id");
    assertInScope(ctx, m.orgPath, () => notFoundMember("id"));
    await auditRead(ctx, { entity: "MemberHistory", entityId: m.id, orgPath: m.orgPath });
    const a = m.admission;
    const r = m.removal;
    return {
      member: { id: m.id, fullName: m.fullName, orgPath: m.orgPath, status: m.status as MemberStatus },
      periods: m.periods.map((p) => ({ orgPath: p.orgPath, orgName: p.org.name, startedOn: fromDbDate(p.startedOn), endedOn: fromDbDateOrNull(p.endedOn), startReason: p.startReason, endReason: p.endReason })),
      transfers: m.transfers.map((t) => ({
        id: t.id,
        kind: t.kind as TransferKind,
        status: t.status as TransferStatus,
        fromOrgPath: t.fromOrgPath,
        toOrgPath: t.toOrgPath,
        toDescription: t.toDescription,
        requestedOn: fromDbDate(t.requestedOn),
        receivedOn: fromDbDateOrNull(t.receivedOn),
      })),
      admission: a ? { admittedOn: fromDbDate(a.admittedOn), probationEndsOn: fromDbDate(a.probationEndsOn), outcome: a.outcome, outcomeOn: fromDbDateOrNull(a.outcomeOn) } : null,
      removal: r ? { kind: r.kind as RemovalKind, removedOn: fromDbDate(r.removedOn), reason: r.reason, decisionNumber: r.decisionNumber, decidedOn: fromDbDateOrNull(r.decidedOn) } : null,
      diedOn: m.death ? fromDbDate(m.death.diedOn) : null,
    };
  });
