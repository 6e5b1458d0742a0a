import { membershipContract } from "@orgboard/contract-membership";
import type { RemovalKind, TransferKind, TransferStatus } from "../../domain/enums.js";
import { auditRead } from "../audit-read.js";
import { procedure } from "../procedure.js";
import { loadMember } from "../records.js";

const c = membershipContract.procedures;

/** A member's party life: membership periods, transfers, admission and probation, removal or death. */
export const memberHistoryRoute = procedure("membership.members.read")
  .input(c.members.history.input)
  .output(c.members.history.output)
  .query(async ({ ctx, input }) => {
    const m = await loadMember(ctx.db, input.id, "id");
    ctx.assertCan({ orgPath: m.org_path });
    const db = ctx.db;
    const periods = await db.query<{ org_path: string; org_name: string; started_on: string; ended_on: string | null; start_reason: string; end_reason: string | null }>(
      `SELECT p.org_path, o.name AS org_name, p.started_on, p.ended_on, p.start_reason, p.end_reason
         FROM membership_period p JOIN party_organization o ON o.id = p.org_id WHERE p.member_id = $1 ORDER BY p.started_on, p.id`,
      [m.id],
    );
    const transfers = await db.query<{ id: number; kind: TransferKind; status: TransferStatus; from_org_path: string | null; to_org_path: string | null; to_description: string | null; requested_on: string; received_on: string | null }>(
      `SELECT id, kind, status, from_org_path, to_org_path, to_description, requested_on, received_on FROM transfer WHERE member_id = $1 ORDER BY requested_on, id`,
      [m.id],
    );
    const admission = await db.query<{ admitted_on: string; probation_ends_on: string; outcome: string | null; outcome_on: string | null }>(
      `SELECT admitted_on, probation_ends_on, outcome, outcome_on FROM admission WHERE member_id = $1`,
      [m.id],
    );
    const removal = await db.query<{ kind: RemovalKind; removed_on: string; reason: string | null; decision_number: string | null; decided_on: string | null }>(
      `SELECT kind, removed_on, reason, decision_number, decided_on FROM removal WHERE member_id = $1`,
      [m.id],
    );
    const death = await db.query<{ died_on: string }>(`SELECT died_on FROM death WHERE member_id = $1`, [m.id]);
    await auditRead(ctx, { entity: "MemberHistory", entityId: m.id, orgPath: m.org_path });
    const a = admission.rows[0];
    const r = removal.rows[0];
    return {
      member: { id: m.id, fullName: m.full_name, orgPath: m.org_path, status: m.status },
      periods: periods.rows.map((p) => ({ orgPath: p.org_path, orgName: p.org_name, startedOn: p.started_on, endedOn: p.ended_on, startReason: p.start_reason, endReason: p.end_reason })),
      transfers: transfers.rows.map((t) => ({
        id: t.id,
        kind: t.kind,
        status: t.status,
        fromOrgPath: t.from_org_path,
        toOrgPath: t.to_org_path,
        toDescription: t.to_description,
        requestedOn: t.requested_on,
        receivedOn: t.received_on,
      })),
      admission: a ? { admittedOn: a.admitted_on, probationEndsOn: a.probation_ends_on, outcome: a.outcome, outcomeOn: a.outcome_on } : null,
      removal: r ? { kind: r.kind, removedOn: r.removed_on, reason: r.reason, decisionNumber: r.decision_number, decidedOn: r.decided_on } : null,
      diedOn: death.rows[0]?.died_on ?? null,
    };
  });
