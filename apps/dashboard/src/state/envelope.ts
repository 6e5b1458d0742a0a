import type { EventEnvelope as ContractEnvelope } from "@orgboard/contracts";
import { liveEventSchema } from "@orgboard/contract-realtime";

/**
 * An event as the screens fold it: the contracts envelope plus `service`, the stream that carried it
 * (always there in what the gateway pushes, `LiveEvent` of @orgboard/contract-realtime; optional here so
 * that a screen's own fixtures can omit it).
 */
export type EventEnvelope = ContractEnvelope & { service?: string };

/** Validate what arrives on the socket against the realtime contract; anything else is dropped rather than crash a screen. */
export function parseEnvelope(raw: unknown): EventEnvelope | null {
  const r = liveEventSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** The service whose stream carried an event: `service`, else the first segment of its type. */
export function eventSource(e: Pick<EventEnvelope, "type" | "service">): string {
  if (e.service) return e.service;
  const dot = e.type.indexOf(".");
  return dot === -1 ? e.type : e.type.slice(0, dot);
}

/** Compare decimal id strings (a BIGSERIAL may exceed 2^53, so never through Number). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per-service high-water marks. Each service's stream is ordered by id, and realtime forwards it in
 * order, so "id ≤ mark" means already applied: replays (socket.io recovery, snapshot + stream overlap)
 * fold to nothing. Ids of different services are independent sequences, hence one mark per service.
 */
export type Watermarks = Readonly<Record<string, string>>;

export function isApplied(marks: Watermarks, e: Pick<EventEnvelope, "id" | "type" | "service">): boolean {
  const mark = marks[eventSource(e)];
  return mark !== undefined && compareIds(e.id, mark) <= 0;
}

export function advance(marks: Watermarks, e: Pick<EventEnvelope, "id" | "type" | "service">): Watermarks {
  const src = eventSource(e);
  const mark = marks[src];
  return mark !== undefined && compareIds(e.id, mark) <= 0 ? marks : { ...marks, [src]: e.id };
}

/**
 * A figures panel cannot fold events into its figures (a report's counts follow rules the service owns:
 * competence, conductor level, working-day deadlines, planning rules), and a counts-only reader gets no
 * event anyway, only `<service>.figures.changed`. So an event (or notice) of `service` inside the shown
 * subtree that was not seen before asks for a reload; replays (same id) ask for nothing.
 */
export function figuresRefresh(service: string, marks: Watermarks, orgPath: string, events: readonly EventEnvelope[]): { marks: Watermarks; refresh: boolean } {
  let next = marks;
  let refresh = false;
  for (const e of events) {
    if (eventSource(e) !== service || !e.type.startsWith(`${service}.`) || isApplied(next, e)) continue;
    next = advance(next, e);
    // An event for the shown unit or one below it changes this report; one elsewhere does not.
    if (e.orgPath.startsWith(orgPath)) refresh = true;
  }
  return { marks: next, refresh };
}
