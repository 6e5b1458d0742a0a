import { bilingual } from "@orgboard/server-kit";
import { ALL_TOPICS } from "@orgboard/contract-realtime";
import type { Grant } from "./access.js";
import { ancestorPaths } from "./paths.js";

/**
 * Rooms are `<service>.<kind>|<topic>@<orgPath>`: `kind` is what the socket may receive from that
 * service (`events`, or only the derived `notice`s), decided per socket by the service's stream-read rule
 * (access.ts). A socket joins one room per (grant × topic it wants × path of the grant); an event is sent
 * to the rooms of (its service and kind × topics it belongs to × every ancestor of its orgPath, itself
 * included). socket.io delivers a multi-room broadcast once per socket, so nested scopes never duplicate,
 * a socket scoped to `/01/` shares no room with an event under `/02/`, and a socket whose principal may
 * not read a service's stream shares no room with that service's events.
 */
export function roomName(channel: string, topic: string, orgPath: string): string {
  return `${channel}|${topic}@${orgPath}`;
}

/** `membership.events`, `inspection.notice` */
export function channelOf(service: string, kind: Grant["kind"]): string {
  return `${service}.${kind}`;
}

export { ancestorPaths } from "./paths.js";

/** Topics a client may name: `*`, a service (`membership`), an event type (`conference.site.linkChanged`),
 * or `<service>:<aggregateId>`. No `@` (it separates topic and path in room names), no whitespace. */
export const TOPIC_PATTERN = /^(?:\*|[a-z][a-zA-Z0-9]*(?:\.[A-Za-z0-9_-]+)*(?::[^\s@]{1,200})?)$/;
export const MAX_TOPICS = 50;

export function isTopic(value: unknown): value is string {
  return typeof value === "string" && value.length <= 256 && TOPIC_PATTERN.test(value);
}

/** The topics an event belongs to. */
export function eventTopics(service: string, event: { type: string; aggregateId: string; payload?: unknown }): string[] {
  const topics = [ALL_TOPICS, service, event.type];
  if (event.aggregateId) topics.push(`${service}:${event.aggregateId}`);
  // A conference's events are often about one of its sites (aggregate = the site) but the live screen
  // follows the conference as a whole, so `conference:<id>` also matches through payload.conferenceId.
  const conferenceId = (event.payload as { conferenceId?: unknown } | null | undefined)?.conferenceId;
  if (service === "conference" && typeof conferenceId === "string" && conferenceId !== event.aggregateId) {
    topics.push(`conference:${conferenceId}`);
  }
  return topics;
}

/** The rooms one event (or one derived notice: kind `notice`) is sent to. */
export function eventRooms(
  service: string,
  event: { type: string; orgPath: string; aggregateId: string; payload?: unknown },
  kind: Grant["kind"] = "events",
): string[] {
  const paths = ancestorPaths(event.orgPath);
  const channel = channelOf(service, kind);
  const rooms: string[] = [];
  for (const t of eventTopics(service, event)) for (const p of paths) rooms.push(roomName(channel, t, p));
  return rooms;
}

/**
 * The rooms an `inherited` notice (access.ts) is sent to: the event's own path only, never its ancestors, since a
 * socket holds `inherited` rooms at the strict ancestors of its scope: a mark at `/05/` must not reach a socket
 * below `/02/` through their common `/`.
 */
export function inheritedRooms(service: string, event: { type: string; orgPath: string; aggregateId: string; payload?: unknown }): string[] {
  const channel = channelOf(service, "inherited");
  return eventTopics(service, event).map((t) => roomName(channel, t, event.orgPath));
}

/** The rooms of a socket: its grants (access.ts) × the topics it wants. */
export function socketRooms(grants: readonly Grant[], topics: readonly string[]): Set<string> {
  const rooms = new Set<string>();
  for (const g of grants) {
    const channel = channelOf(g.service, g.kind);
    for (const t of topics) for (const p of g.paths) rooms.add(roomName(channel, t, p));
  }
  return rooms;
}

/** Validates and normalizes a topic list: unique, `*` alone when present. */
export function normalizeTopics(raw: unknown): { ok: true; topics: string[] } | { ok: false; message: string } {
  if (!Array.isArray(raw)) return { ok: false, message: `topics: ${bilingual("phải là một danh sách chủ đề (chuỗi)", "must be an array of strings")}` };
  if (raw.length === 0) return { ok: false, message: `topics: ${bilingual("phải có ít nhất một chủ đề (\"*\" là tất cả)", "must name at least one topic (use \"*\" for all)")}` };
  if (raw.length > MAX_TOPICS) return { ok: false, message: `topics: ${bilingual(`tối đa ${MAX_TOPICS} chủ đề`, `at most ${MAX_TOPICS} topics`)}` };
  for (const [i, t] of raw.entries()) {
    if (!isTopic(t)) {
      return { ok: false, message: `topics.${i}: ${bilingual('không phải chủ đề (dùng "*", "membership", "conference.site.linkChanged" hoặc "conference:<id>")', 'not a topic (want "*", "membership", "conference.site.linkChanged" or "conference:<id>")')}` };
    }
  }
  const topics = [...new Set(raw as string[])].sort();
  return { ok: true, topics: topics.includes(ALL_TOPICS) ? [ALL_TOPICS] : topics };
}
