// Applies one event of inspection's stream to membership's records, exactly once: the effect (a removal or
// a closed organization), its audit record and outbox events, the applied-decision row (unique per source
// and decision) and the stream checkpoint commit in ONE Prisma transaction (a batch of events shares it),
// written through the same helpers as orgs.close and removals.remove. A replayed or duplicate event finds
// its applied-decision row and changes nothing but the checkpoint; a crash before commit leaves nothing,
// and the event is read again after the checkpoint on restart. Rules: src/domain/decision-effects.ts.
import { inspectionEventSchemas, type InspectionEventPayload } from "@orgboard/contract-inspection";
import type { AppliedDecisionForm, DecisionRefusalReason, MembershipEventPayload } from "@orgboard/contract-membership";
import type { EventEnvelope } from "@orgboard/contracts";
import { fromDbDate, fromDbDateOrNull, toDbDate } from "@orgboard/db";
import { recordChange } from "@orgboard/events";
import type { MemberStatus } from "../domain/enums.js";
import { dissolutionRefusal, effectOfForm, expulsionReason, expulsionRefusal, type Refusal } from "../domain/decision-effects.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { RuleError } from "../router/errors.js";
import { membershipEvent, type MembershipEvent } from "../router/events.js";
import type { Change } from "../router/mutate.js";
import { closeOrganization, orgContents } from "../router/orgs/org-ops.js";
import { MEMBER_WITH_ORG, type Tx } from "../router/records.js";
import { recordRemovalOf } from "../router/removals/removal-ops.js";

/** The stream followed, its checkpoint's key and the applied-decision rows' source. */
export const INSPECTION_SOURCE = "inspection";
/** The event that carries a decision taking effect. */
export const DISCIPLINE_EFFECTIVE = "inspection.discipline.effective";
/** The audit record's action; its actor is the deciding service (INSPECTION_SOURCE). */
export const APPLY_DECISION_ACTION = "membership.decisions.apply";

/** A batch of up to 200 events (the consumer's default) outlasts Prisma's default 5 s transaction timeout. */
const BATCH_TRANSACTION_TIMEOUT_MS = 60_000;

/** What handling one event did. `skipped`: not a decision (only the checkpoint moved). */
export type DecisionOutcome = "applied" | "refused" | "not_applicable" | "duplicate" | "skipped";

type Decision = InspectionEventPayload<typeof DISCIPLINE_EFFECTIVE>;

interface Applied {
  outcome: "applied";
  orgPath: string;
  change: Change;
  events: MembershipEvent[];
  memberId: number | null;
  orgId: number | null;
}
interface Refused {
  outcome: "refused";
  orgPath: string;
  refusal: Refusal;
  memberId: number | null;
  orgId: number | null;
}

/** The last event id of `source` handled (null: none yet). */
export async function loadCheckpoint(db: PrismaClient, source = INSPECTION_SOURCE): Promise<string | null> {
  const row = await db.streamCheckpoint.findUnique({ where: { source }, select: { lastEventId: true } });
  return row ? row.lastEventId.toString() : null;
}

async function saveCheckpoint(tx: Tx, source: string, eventId: string): Promise<void> {
  const id = BigInt(eventId);
  // The insert always runs (ON CONFLICT DO NOTHING), then only a smaller checkpoint moves: a second
  // instance that handled a later event first is never moved back.
  await tx.streamCheckpoint.createMany({ data: [{ source, lastEventId: id }], skipDuplicates: true });
  await tx.streamCheckpoint.updateMany({ where: { source, lastEventId: { lt: id } }, data: { lastEventId: id, updatedAt: new Date() } });
}

/**
 * Runs `fn` under a savepoint: a rule it breaks after the checks leaves no partial write behind. Prisma
 * has no nested transaction on an interactive one, so the savepoint statements are written out.
 */
async function underSavepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx.$executeRaw`SAVEPOINT decision_effect`;
  try {
    const result = await fn();
    await tx.$executeRaw`RELEASE SAVEPOINT decision_effect`;
    return result;
  } catch (err) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT decision_effect`;
    throw err;
  }
}

async function applyExpulsion(tx: Tx, d: Decision, fallbackOrgPath: string): Promise<Applied | Refused> {
  if (d.memberId !== null) await tx.$executeRaw`SELECT 1 FROM member WHERE id = ${d.memberId} FOR UPDATE`;
  const member = d.memberId === null ? null : await tx.member.findUnique({ where: { id: d.memberId }, include: MEMBER_WITH_ORG });
  const periods = member ? await tx.membershipPeriod.findMany({ where: { memberId: member.id, endedOn: null }, select: { startedOn: true } }) : [];
  const refusal = expulsionRefusal({
    memberId: d.memberId,
    member: member ? { status: member.status as MemberStatus, joinedOn: periods.length === 1 ? fromDbDate(periods[0]!.startedOn) : null } : null,
    effectiveOn: d.effectiveOn,
  });
  const ids = { memberId: d.memberId, orgId: member?.orgId ?? null };
  if (refusal || !member) return { outcome: "refused", orgPath: member?.orgPath ?? fallbackOrgPath, refusal: refusal!, ...ids };
  const { change, event } = await recordRemovalOf(tx, member, {
    kind: "expelled",
    removedOn: d.effectiveOn,
    decisionNumber: d.decisionNumber,
    decidedOn: d.decidedOn,
    reason: expulsionReason(d.decisionNumber, d.decidedOn),
  });
  return { outcome: "applied", orgPath: member.orgPath, change, events: [event], ...ids };
}

async function applyDissolution(tx: Tx, d: Decision, fallbackOrgPath: string): Promise<Applied | Refused> {
  if (d.orgId !== null) await tx.$executeRaw`SELECT 1 FROM party_organization WHERE id = ${d.orgId} FOR UPDATE`;
  const org = d.orgId === null ? null : await tx.partyOrganization.findUnique({ where: { id: d.orgId } });
  const contents = org ? await orgContents(tx, org.id) : null;
  const refusal = dissolutionRefusal({
    orgId: d.orgId,
    org: org && contents ? { openedOn: fromDbDate(org.openedOn), closedOn: fromDbDateOrNull(org.closedOn), activeMembers: contents.members, openChildren: contents.children, openTransfers: contents.transfers } : null,
    effectiveOn: d.effectiveOn,
  });
  const ids = { memberId: d.memberId, orgId: d.orgId };
  if (refusal || !org) return { outcome: "refused", orgPath: org?.path ?? fallbackOrgPath, refusal: refusal!, ...ids };
  const { change, event } = await closeOrganization(tx, org, d.effectiveOn);
  return { outcome: "applied", orgPath: org.path, change, events: [event], ...ids };
}
/** A rule of the shared procedures broken after the checks above (records inconsistent): refused, not retried forever. */
function refusalFromRule(form: AppliedDecisionForm, err: RuleError): Refusal {
  const reason: DecisionRefusalReason = form === "expulsion" ? "member_not_active" : "organization_not_empty";
  return { reason, message: `Hồ sơ không cho phép ghi quyết định (${err.violations.map((v) => v.code).join(", ")}) / the records do not allow the decision: ${err.message}` };
}

/** The audit record and outbox events of one event's effect, written after the batch's effects. */
type Recorded = Parameters<typeof recordChange>;

/**
 * One event's effect inside the batch's transaction (no checkpoint): what it did, and the audit record
 * and events to write (null: none). A rule broken inside the effect rolls back to its savepoint and
 * becomes a refusal; any other failure throws and rolls back the whole batch.
 */
async function applyInspectionEvent(tx: Tx, event: EventEnvelope, source: string): Promise<{ outcome: DecisionOutcome; record: Recorded | null }> {
  if (event.type !== DISCIPLINE_EFFECTIVE) return { outcome: "skipped", record: null };
  const d = inspectionEventSchemas[DISCIPLINE_EFFECTIVE].parse(event.payload);
  // Idempotent: the applied-decision row is written with the effect (also by an earlier event of this batch).
  const seen = await tx.appliedDecision.findUnique({ where: { source_decisionId: { source, decisionId: d.decisionId } }, select: { id: true } });
  if (seen) return { outcome: "duplicate", record: null };
  const record = (outcome: "applied" | "refused" | "not_applicable", reason: string | null, message: string | null) =>
    tx.appliedDecision.create({
      data: {
        source,
        decisionId: d.decisionId,
        eventId: BigInt(event.id),
        form: d.form,
        memberId: d.memberId,
        orgId: d.orgId,
        decisionNumber: d.decisionNumber,
        decidedOn: toDbDate(d.decidedOn),
        effectiveOn: toDbDate(d.effectiveOn),
        outcome,
        reason,
        message,
      },
    });
  const form = effectOfForm(d.form);
  if (form === null) {
    // A reprimand, a warning, a dismissal from post: nothing to change here (personnel follows dismissals).
    await record("not_applicable", null, null);
    return { outcome: "not_applicable", record: null };
  }
  let result: Applied | Refused;
  try {
    result = await underSavepoint(tx, () => (form === "expulsion" ? applyExpulsion(tx, d, event.orgPath) : applyDissolution(tx, d, event.orgPath)));
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
    result = { outcome: "refused", orgPath: event.orgPath, refusal: refusalFromRule(form, err), memberId: d.memberId, orgId: d.orgId };
  }
  const base = { source: "inspection" as const, decisionId: d.decisionId, form, memberId: result.memberId, orgId: result.orgId };
  const decision = { decisionId: d.decisionId, decisionNumber: d.decisionNumber, decidedOn: d.decidedOn, effectiveOn: d.effectiveOn, decidedByOrgPath: d.decidedByOrgPath, eventId: event.id };
  let change: Change;
  let events: MembershipEvent[];
  if (result.outcome === "applied") {
    await record("applied", null, null);
    const applied: MembershipEventPayload<"membership.decision.applied"> = { ...base, appliedOn: d.effectiveOn };
    change = { ...result.change, after: { ...(result.change.after as object), decision } };
    events = [...result.events, membershipEvent("membership.decision.applied", result.orgPath, d.decisionId, applied)];
  } else {
    await record("refused", result.refusal.reason, result.refusal.message);
    const refused: MembershipEventPayload<"membership.decision.refused"> = { ...base, reason: result.refusal.reason, message: result.refusal.message };
    change = { entity: "AppliedDecision", entityId: d.decisionId, orgPath: result.orgPath, after: { outcome: "refused", reason: result.refusal.reason, message: result.refusal.message, decision } };
    events = [membershipEvent("membership.decision.refused", result.orgPath, d.decisionId, refused)];
  }
  return { outcome: result.outcome, record: [tx, { actor: source, requestId: `${source}-event-${event.id}`, action: APPLY_DECISION_ACTION, ...change }, events] };
}

/**
 * Handles a batch of inspection's stream (events in id order, every type: a non-decision only moves the
 * checkpoint) in ONE transaction: each event's effect, applied-decision row, audit record and outbox
 * events, then one checkpoint write (the last event's id). Throws only on a failure worth retrying
 * (database down, malformed event): nothing of the batch is kept, and the consumer hands the events again
 * one at a time (packages/events consumeEventStream's onBatch).
 */
export async function handleInspectionEvents(db: PrismaClient, events: readonly EventEnvelope[], source = INSPECTION_SOURCE): Promise<DecisionOutcome[]> {
  if (events.length === 0) return [];
  return db.$transaction(async (tx) => {
    const handled: { outcome: DecisionOutcome; record: Recorded | null }[] = [];
    for (const event of events) handled.push(await applyInspectionEvent(tx, event, source));
    await saveCheckpoint(tx, source, events.at(-1)!.id);
    // Last: recordChange takes the outbox lock until commit (packages/events), so the batch's effects run
    // without holding it; the outbox rows keep the events' order.
    for (const { record } of handled) if (record) await recordChange(...record);
    return handled.map((h) => h.outcome);
  }, { timeout: BATCH_TRANSACTION_TIMEOUT_MS });
}

/** Handles one event of inspection's stream (handleInspectionEvents with a batch of one). */
export async function handleInspectionEvent(db: PrismaClient, event: EventEnvelope, source = INSPECTION_SOURCE): Promise<DecisionOutcome> {
  const [outcome] = await handleInspectionEvents(db, [event], source);
  return outcome!;
}
