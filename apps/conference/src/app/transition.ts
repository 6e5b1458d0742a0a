// The conference's lifecycle moves (scheduled → connecting_sites → in_session → concluded). Each one locks
// the conference, checks the caller and the domain's rule for the move, stamps when it happened and
// announces conference.status_changed, all in the caller's transaction.
import type { ConferenceSummary } from "@orgboard/contract-conference";
import { conferenceEvent, type ConferenceEvent, type ConferenceEventPayload } from "../events.js";
import type { Prisma } from "../generated/prisma/client.js";
import { iso, toConferenceSummary } from "../router/views.js";
import { lockConferenceFor, type Authorizer, type LockedConference } from "./load.js";
import { recordCallerChange, type Caller, type Tx } from "./record.js";

/** The column that records when the conference reached each status. */
const STAMP = {
  connecting_sites: (now: Date) => ({ connectingAt: now }),
  in_session: (now: Date) => ({ openedAt: now }),
  concluded: (now: Date) => ({ concludedAt: now }),
} satisfies Record<string, (now: Date) => Prisma.ConferenceUpdateInput>;

export type TransitionTarget = keyof typeof STAMP;

/** What comes with a move besides the new status (concluding closes the agenda and the speakers' queue). */
export interface TransitionEffects {
  /** Added to the audit record's `after`. */
  after?: Record<string, unknown>;
  /** Announced before conference.status_changed. */
  events?: readonly ConferenceEvent[];
  /** The final counters, in conference.status_changed, when concluding. */
  final?: ConferenceEventPayload<"conference.status_changed">["final"];
}

export interface Transition {
  to: TransitionTarget;
  /** The domain's rule for the move: reads what it needs, throws a DomainError when the move is not allowed. */
  check(tx: Tx, before: LockedConference): Promise<void>;
  /** Runs after the check, before the status changes. */
  effects?(tx: Tx, before: LockedConference, now: Date): Promise<TransitionEffects>;
}

export interface TransitionCaller extends Caller, Authorizer {
  now(): Date;
}

export async function transitionConference(tx: Tx, ctx: TransitionCaller, conferenceId: string, move: Transition): Promise<ConferenceSummary> {
  const before = await lockConferenceFor(tx, ctx, conferenceId);
  await move.check(tx, before);
  const now = ctx.now();
  const effects = (await move.effects?.(tx, before, now)) ?? {};
  const after = await tx.conference.update({ where: { id: before.id }, data: { status: move.to, ...STAMP[move.to](now) } });
  await recordCallerChange(tx, ctx, {
    entity: "conference",
    entityId: before.id,
    orgPath: before.orgPath,
    before: { status: before.status },
    after: { status: after.status, ...effects.after },
    events: [
      ...(effects.events ?? []),
      conferenceEvent("conference.status_changed", before.orgPath, {
        conferenceId: before.id,
        from: before.status,
        to: move.to,
        at: iso(now),
        ...(effects.final ? { final: effects.final } : {}),
      }),
    ],
  });
  return toConferenceSummary(after);
}
