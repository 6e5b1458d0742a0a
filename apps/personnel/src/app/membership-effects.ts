// The effects of membership's member events on cadres (docs/personnel.md, "Member events from
// membership"). This follower reads `membership.events.stream` with personnel's service token and, for
// `membership.member.died` and `membership.member.removed` about a member with a cadre file here: ends the
// posts the cadre holds (death: every post; removal from the Party: the posts only members may hold, as an
// expulsion from inspection does) and takes them out of every planning pool. Exactly as the inspection
// follower: each batch ONE transaction with an `applied_effect` row per event (unique per source, type and
// key: a replay changes nothing) and the stream checkpoint; what cannot be applied (malformed payload,
// several files for one member) is kept `unappliable` for `personnel.effects.list` / `resolve`.
import { membershipEventSchemas } from "@orgboard/contract-membership";
import type { EffectStatus } from "@orgboard/contract-personnel";
import type { EventEnvelope } from "@orgboard/contracts";
import { recordCallerChange } from "@orgboard/events";
import { maxDate, type IsoDate } from "@orgboard/locale-vi";
import type { Logger } from "@orgboard/server-kit";
import type { PrismaClient } from "../generated/prisma/client.js";
import { fromDbDate, toDbDate } from "./dates.js";
import { applyBatch, followStream, loadCheckpoint, type Follower, type FollowOptions } from "./follow.js";
import { personnelEvent, type PersonnelEvent, type Tx } from "./record.js";

export const MEMBERSHIP_SOURCE = "membership";
const DIED = "membership.member.died";
const REMOVED = "membership.member.removed";
/** The audit records' action; the actor is membership (whose record it is). */
export const MEMBER_EVENT_APPLIED_ACTION = "personnel.member_event.applied";

export type MembershipOutcome = "applied" | "unappliable" | "unchanged" | "skipped";

const MESSAGES: Record<string, string> = {
  malformed_payload: "Sự kiện của dịch vụ đảng viên không đúng khuôn dạng / membership's event does not match its contract",
  several_cadres: "Có nhiều hồ sơ cán bộ cho cùng một đảng viên / several cadre files for one member",
};

const caller = (event: EventEnvelope) => ({ principal: { subject: MEMBERSHIP_SOURCE }, requestId: `${MEMBERSHIP_SOURCE}-event-${event.id}`, action: MEMBER_EVENT_APPLIED_ACTION });
/** One applied row per event: membership's event ids are unique and never reused. */
const keyOf = (event: EventEnvelope) => `event-${event.id}`;

async function unappliable(tx: Tx, event: EventEnvelope, orgPath: string, reason: string): Promise<MembershipOutcome> {
  const row = await tx.appliedEffect.create({ data: { source: MEMBERSHIP_SOURCE, eventId: BigInt(event.id), eventType: event.type, key: keyOf(event), orgPath, status: "unappliable", reason, message: MESSAGES[reason] ?? null } });
  await recordCallerChange(tx, caller(event), {
    entity: "AppliedEffect",
    entityId: row.id,
    orgPath,
    after: { status: "unappliable", reason, eventId: event.id },
    events: [personnelEvent("personnel.effect.unappliable", orgPath, row.id, { effectId: row.id, source: MEMBERSHIP_SOURCE, eventId: event.id, reason })],
  });
  return "unappliable";
}

/** A death or a removal from the Party, inside the batch's transaction. */
async function applyMemberEnd(tx: Tx, event: EventEnvelope): Promise<MembershipOutcome> {
  const seen = await tx.appliedEffect.findUnique({ where: { source_eventType_key: { source: MEMBERSHIP_SOURCE, eventType: event.type, key: keyOf(event) } } });
  if (seen) return "unchanged";
  let memberId: number;
  let on: IsoDate;
  const death = event.type === DIED;
  if (death) {
    const parsed = membershipEventSchemas[DIED].safeParse(event.payload);
    if (!parsed.success) return unappliable(tx, event, event.orgPath, "malformed_payload");
    ({ memberId, diedOn: on } = parsed.data);
  } else {
    const parsed = membershipEventSchemas[REMOVED].safeParse(event.payload);
    if (!parsed.success) return unappliable(tx, event, event.orgPath, "malformed_payload");
    ({ memberId, removedOn: on } = parsed.data);
  }
  const cadres = await tx.cadre.findMany({ where: { memberId } });
  if (cadres.length === 0) return "skipped";
  if (cadres.length > 1) return unappliable(tx, event, cadres[0]!.orgPath, "several_cadres");
  const cadre = cadres[0]!;
  const reason = death ? "death" : "removed_from_party";
  const events: PersonnelEvent[] = [];
  const removed: string[] = [];
  for (const e of await tx.poolEntry.findMany({ where: { cadreId: cadre.id, removedOn: null }, include: { post: true } })) {
    const removedOn = maxDate(fromDbDate(e.addedOn), on);
    await tx.poolEntry.update({ where: { id: e.id }, data: { removedOn: toDbDate(removedOn), removalReason: reason } });
    removed.push(e.id);
    events.push(personnelEvent("personnel.pool.member_ended", e.post.orgPath, e.id, { entryId: e.id, postId: e.postId, cadreId: cadre.id, removedOn, reason }));
  }
  const ended: string[] = [];
  const held = await tx.holding.findMany({ where: { cadreId: cadre.id, endedOn: null }, include: { post: true } });
  for (const h of held.filter((h) => death || h.post.membersOnly)) {
    const endedOn = maxDate(fromDbDate(h.startedOn), on);
    await tx.holding.update({ where: { id: h.id }, data: { endedOn: toDbDate(endedOn), endReason: reason } });
    ended.push(h.id);
    events.push(personnelEvent("personnel.post.ended", h.post.orgPath, h.postId, { postId: h.postId, cadreId: cadre.id, assignmentId: h.id, endedOn, reason }));
  }
  const status: EffectStatus = "applied";
  await tx.appliedEffect.create({ data: { source: MEMBERSHIP_SOURCE, eventId: BigInt(event.id), eventType: event.type, key: keyOf(event), orgPath: cadre.orgPath, status, reason: null, message: null } });
  await recordCallerChange(tx, caller(event), {
    entity: "Cadre",
    entityId: cadre.id,
    orgPath: cadre.orgPath,
    after: { memberEvent: event.type, on, poolEntriesRemoved: removed, holdingsEnded: ended, status, membershipEventId: event.id },
    events,
  });
  return "applied";
}

/** Handles a batch of membership's stream in ONE transaction, checkpoint included (follow.ts, applyBatch). */
export function handleMembershipEvents(db: PrismaClient, events: readonly EventEnvelope[]): Promise<MembershipOutcome[]> {
  return applyBatch(db, MEMBERSHIP_SOURCE, events, (tx, event) => (event.type === DIED || event.type === REMOVED ? applyMemberEnd(tx, event) : Promise.resolve("skipped" as const)));
}

export const loadMembershipCheckpoint = (db: PrismaClient): Promise<string | null> => loadCheckpoint(db, MEMBERSHIP_SOURCE);

export type MembershipFollowOptions = FollowOptions<MembershipOutcome>;

export function followMembership(opts: MembershipFollowOptions & { db: PrismaClient; logger: Logger }): Promise<Follower> {
  return followStream(opts, { source: MEMBERSHIP_SOURCE, path: "membership.events.stream", what: "membership's member events", handle: handleMembershipEvents });
}
