import type { ConferenceSummary } from "@orgboard/contract-conference";

/**
 * How long after its conclusion a conference stays the one shown by default (when nothing is in session
 * or connecting): the boards read the final figures right after the closing, and a conference with the
 * same title scheduled for next quarter must not replace it then (issue #15). Past that, the next
 * scheduled conference is what officials open the screen for. See docs/dashboard.md.
 */
export const JUST_CONCLUDED_MS = 12 * 3_600_000;

const time = (iso: string | null): number => (iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY);

function latestBy(list: readonly ConferenceSummary[], key: (c: ConferenceSummary) => number): ConferenceSummary | undefined {
  return list.reduce<ConferenceSummary | undefined>((best, c) => (!best || key(c) > key(best) ? c : best), undefined);
}

/**
 * The conference the screen opens on:
 * 1. in session (the most recently opened, if several);
 * 2. connecting sites (the most recently started);
 * 3. one concluded within the last 12 hours (the most recent);
 * 4. the next scheduled one (the earliest scheduled start still ahead; else the earliest overdue one);
 * 5. the most recently concluded one.
 */
export function pickDefaultConference(list: readonly ConferenceSummary[], now: number = Date.now()): ConferenceSummary | undefined {
  const of = (status: ConferenceSummary["status"]) => list.filter((c) => c.status === status);
  const inSession = latestBy(of("in_session"), (c) => time(c.openedAt));
  if (inSession) return inSession;
  const connecting = latestBy(of("connecting_sites"), (c) => time(c.connectingAt));
  if (connecting) return connecting;
  const concluded = latestBy(of("concluded"), (c) => time(c.concludedAt));
  if (concluded && now - time(concluded.concludedAt) <= JUST_CONCLUDED_MS) return concluded;
  const scheduled = [...of("scheduled")].sort((a, b) => time(a.scheduledStart) - time(b.scheduledStart));
  const next = scheduled.find((c) => time(c.scheduledStart) >= now) ?? scheduled.at(-1);
  return next ?? concluded;
}
