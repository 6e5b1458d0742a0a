// The effects of inspection's discipline decisions on cadres (docs/personnel.md, "Discipline from
// inspection"). This follower reads `inspection.events.stream` with personnel's service token and, for
// each `inspection.discipline.effective` about a member who has a cadre file here: bars planning and
// appointment for the rules' period (domain/discipline.ts, with the party's bar inspection computed, carried
// in the event), takes the cadre out of every planning pool, and ends the posts a dismissal or an
// expulsion ends. Each batch of events is ONE transaction: the changes, their audit records and events,
// an `applied_effect` row per decision (unique per source, type and decision: a replay changes nothing)
// and the stream checkpoint. After a restart it resumes after the checkpoint: exactly once. An event that
// cannot be applied (malformed, several files for one member, a dismissal with no party post held here)
// is kept as an `unappliable` effect, listed by `personnel.effects.list` until an officer resolves it.
import { inspectionEventSchemas } from "@orgboard/contract-inspection";
import type { EffectStatus } from "@orgboard/contract-personnel";
import type { EventEnvelope } from "@orgboard/contracts";
import { recordCallerChange } from "@orgboard/events";
import { maxDate } from "@orgboard/locale-vi";
import type { Logger } from "@orgboard/server-kit";
import { disciplineEffect } from "../domain/index.js";
import type { AppliedEffect, PrismaClient } from "../generated/prisma/client.js";
import { fromDbDate, toDbDate } from "./dates.js";
import { applyBatch, followStream, loadCheckpoint, type FollowOptions, type Follower } from "./follow.js";
import { personnelEvent, type PersonnelEvent, type Tx } from "./record.js";

export const INSPECTION_SOURCE = "inspection";
const EFFECTIVE = "inspection.discipline.effective";
const CHANGED = "inspection.discipline.changed";
/** The audit records' action; the actor is inspection (whose decision it is). */
export const DISCIPLINE_APPLIED_ACTION = "personnel.discipline.applied";

export type InspectionOutcome = "applied" | "unappliable" | "unchanged" | "skipped";

export function toEffectView(r: AppliedEffect) {
  return {
    id: r.id,
    source: r.source,
    eventId: r.eventId.toString(),
    eventType: r.eventType,
    key: r.key,
    orgPath: r.orgPath,
    status: r.status as EffectStatus,
    reason: r.reason,
    message: r.message,
    resolution: r.resolution,
  };
}

export const loadInspectionCheckpoint = (db: PrismaClient): Promise<string | null> => loadCheckpoint(db, INSPECTION_SOURCE);

const MESSAGES: Record<string, string> = {
  malformed_payload: "Sự kiện của dịch vụ kiểm tra không đúng khuôn dạng / inspection's event does not match its contract",
  several_cadres: "Có nhiều hồ sơ cán bộ cho cùng một đảng viên / several cadre files for one member",
  no_post_to_end: "Quyết định cách chức nhưng cán bộ không giữ chức vụ trong Đảng nào ở đây / a dismissal, but the cadre holds no party post here",
  decision_changed: "Quyết định kỷ luật đã được thay đổi hoặc hủy sau khi áp dụng; cần xem lại / the decision was changed or annulled after it was applied; review it",
};

async function unappliable(tx: Tx, event: EventEnvelope, key: string, orgPath: string, reason: string): Promise<InspectionOutcome> {
  const row = await tx.appliedEffect.create({ data: { source: INSPECTION_SOURCE, eventId: BigInt(event.id), eventType: event.type, key, orgPath, status: "unappliable", reason, message: MESSAGES[reason] ?? null } });
  await recordCallerChange(tx, caller(event), {
    entity: "AppliedEffect",
    entityId: row.id,
    orgPath,
    after: { status: "unappliable", reason, eventId: event.id, key },
    events: [personnelEvent("personnel.effect.unappliable", orgPath, row.id, { effectId: row.id, source: INSPECTION_SOURCE, eventId: event.id, reason })],
  });
  return "unappliable";
}

const caller = (event: EventEnvelope) => ({ principal: { subject: INSPECTION_SOURCE }, requestId: `${INSPECTION_SOURCE}-event-${event.id}`, action: DISCIPLINE_APPLIED_ACTION });

async function seen(tx: Tx, type: string, key: string): Promise<boolean> {
  return (await tx.appliedEffect.findUnique({ where: { source_eventType_key: { source: INSPECTION_SOURCE, eventType: type, key } } })) !== null;
}

/** One `inspection.discipline.effective` inside the batch's transaction. */
async function applyEffective(tx: Tx, event: EventEnvelope): Promise<InspectionOutcome> {
  const parsed = inspectionEventSchemas[EFFECTIVE].safeParse(event.payload);
  if (!parsed.success) return (await seen(tx, EFFECTIVE, `event-${event.id}`)) ? "unchanged" : unappliable(tx, event, `event-${event.id}`, event.orgPath, "malformed_payload");
  const p = parsed.data;
  if (p.subjectKind !== "member" || p.memberId === null) return "skipped";
  if (await seen(tx, EFFECTIVE, p.decisionId)) return "unchanged";
  const cadres = await tx.cadre.findMany({ where: { memberId: p.memberId } });
  // Not a cadre here: nothing to apply (a file opened later is checked by its political-standard conclusion).
  if (cadres.length === 0) return "skipped";
  if (cadres.length > 1) return unappliable(tx, event, p.decisionId, cadres[0]!.orgPath, "several_cadres");
  const cadre = cadres[0]!;
  const effect = disciplineEffect(p.form, p.effectiveOn, p.bars ?? {});
  const events: PersonnelEvent[] = [];
  for (const bar of effect.bars) {
    await tx.bar.create({ data: { cadreId: cadre.id, purpose: bar.purpose, fromOn: toDbDate(bar.from), untilOn: toDbDate(bar.until), decisionId: p.decisionId, form: p.form } });
    events.push(personnelEvent("personnel.bar.applied", cadre.orgPath, cadre.id, { cadreId: cadre.id, decisionId: p.decisionId, purpose: bar.purpose, from: bar.from, until: bar.until }));
  }
  const removed: string[] = [];
  if (effect.leavePools) {
    const entries = await tx.poolEntry.findMany({ where: { cadreId: cadre.id, removedOn: null }, include: { post: true } });
    for (const e of entries) {
      const on = maxDate(fromDbDate(e.addedOn), p.effectiveOn);
      await tx.poolEntry.update({ where: { id: e.id }, data: { removedOn: toDbDate(on), removalReason: "discipline" } });
      removed.push(e.id);
      events.push(personnelEvent("personnel.pool.removed", e.post.orgPath, e.id, { entryId: e.id, postId: e.postId, cadreId: cadre.id, removedOn: on, reason: "discipline" }));
    }
  }
  const ended: string[] = [];
  if (effect.endPosts !== "none") {
    const held = await tx.holding.findMany({ where: { cadreId: cadre.id, endedOn: null }, include: { post: true } });
    const ending = held.filter((h) => (effect.endPosts === "party" ? h.post.body === "party" : h.post.membersOnly));
    const reason = effect.endPosts === "party" ? "dismissal" : "removed_from_party";
    for (const h of ending) {
      const on = maxDate(fromDbDate(h.startedOn), p.effectiveOn);
      await tx.holding.update({ where: { id: h.id }, data: { endedOn: toDbDate(on), endReason: reason } });
      ended.push(h.id);
      events.push(personnelEvent("personnel.post.ended", h.post.orgPath, h.postId, { postId: h.postId, cadreId: cadre.id, assignmentId: h.id, endedOn: on, reason }));
    }
  }
  // A dismissal with no party post here: the bars and pool removals stand; the post is for an officer to find.
  const status: EffectStatus = effect.endPosts === "party" && ended.length === 0 ? "unappliable" : "applied";
  const reason = status === "unappliable" ? "no_post_to_end" : null;
  const row = await tx.appliedEffect.create({
    data: { source: INSPECTION_SOURCE, eventId: BigInt(event.id), eventType: EFFECTIVE, key: p.decisionId, orgPath: cadre.orgPath, status, reason, message: reason ? MESSAGES[reason]! : null },
  });
  if (status === "unappliable") events.push(personnelEvent("personnel.effect.unappliable", cadre.orgPath, row.id, { effectId: row.id, source: INSPECTION_SOURCE, eventId: event.id, reason: reason! }));
  await recordCallerChange(tx, caller(event), {
    entity: "Cadre",
    entityId: cadre.id,
    orgPath: cadre.orgPath,
    after: { decisionId: p.decisionId, form: p.form, effectiveOn: p.effectiveOn, bars: effect.bars, poolEntriesRemoved: removed, holdingsEnded: ended, status, inspectionEventId: event.id },
    events,
  });
  return status === "applied" ? "applied" : "unappliable";
}

/** `inspection.discipline.changed` about a decision applied here: kept for review (bars are not lifted automatically). */
async function applyChanged(tx: Tx, event: EventEnvelope): Promise<InspectionOutcome> {
  const parsed = inspectionEventSchemas[CHANGED].safeParse(event.payload);
  if (!parsed.success) return "skipped";
  const applied = await tx.appliedEffect.findUnique({ where: { source_eventType_key: { source: INSPECTION_SOURCE, eventType: EFFECTIVE, key: parsed.data.decisionId } } });
  if (!applied) return "skipped";
  const key = `${parsed.data.decisionId}@${event.id}`;
  if (await seen(tx, CHANGED, key)) return "unchanged";
  return unappliable(tx, event, key, applied.orgPath, "decision_changed");
}

/** Handles a batch of inspection's stream in ONE transaction, checkpoint included (follow.ts, applyBatch). */
export function handleInspectionEvents(db: PrismaClient, events: readonly EventEnvelope[]): Promise<InspectionOutcome[]> {
  return applyBatch(db, INSPECTION_SOURCE, events, (tx, event) => (event.type === EFFECTIVE ? applyEffective(tx, event) : event.type === CHANGED ? applyChanged(tx, event) : Promise.resolve("skipped" as const)));
}

export type InspectionFollowOptions = FollowOptions<InspectionOutcome>;
export type InspectionFollower = Follower;

export function followInspection(opts: InspectionFollowOptions & { db: PrismaClient; logger: Logger }): Promise<InspectionFollower> {
  return followStream(opts, { source: INSPECTION_SOURCE, path: "inspection.events.stream", what: "inspection's discipline decisions", handle: handleInspectionEvents });
}
