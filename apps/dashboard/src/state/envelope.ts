import { eventEnvelopeSchema, type EventEnvelope } from "@orgboard/contracts";

export type { EventEnvelope };

/** Validate what arrives on the socket; anything malformed is dropped rather than crash a screen. */
export function parseEnvelope(raw: unknown): EventEnvelope | null {
  const r = eventEnvelopeSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** The service that emitted an event: the first segment of its type (`conference.site.linkChanged`). */
export function eventSource(type: string): string {
  const dot = type.indexOf(".");
  return dot === -1 ? type : type.slice(0, dot);
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

export function isApplied(marks: Watermarks, e: Pick<EventEnvelope, "id" | "type">): boolean {
  const mark = marks[eventSource(e.type)];
  return mark !== undefined && compareIds(e.id, mark) <= 0;
}

export function advance(marks: Watermarks, e: Pick<EventEnvelope, "id" | "type">): Watermarks {
  const src = eventSource(e.type);
  const mark = marks[src];
  return mark !== undefined && compareIds(e.id, mark) <= 0 ? marks : { ...marks, [src]: e.id };
}
