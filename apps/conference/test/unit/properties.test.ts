// Properties of the rules over many generated cases (fast-check), beside the example-based tests.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LINK_THRESHOLDS as T,
  DomainError,
  applyHeartbeat,
  checkIn,
  deriveLinkState,
  overrunSeconds,
  queueOrder,
  sweepLinkState,
  type LinkState,
} from "../../src/domain/index.js";

const rank: Record<LinkState, number> = { connected: 0, degraded: 1, disconnected: 2 };
const t0 = Date.parse("2024-04-01T07:00:00Z");
const instant = fc.integer({ min: 0, max: 3_600_000 }).map((ms) => new Date(t0 + ms));
const quality = fc.double({ min: 0, max: 1, noNaN: true });
const state = fc.constantFrom<LinkState>("connected", "degraded", "disconnected");

describe("link state", () => {
  it("gets no better as time passes without heartbeats", () => {
    fc.assert(
      fc.property(instant, quality, fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 60_000 }), (at, q, a, b) => {
        const early = deriveLinkState({ lastHeartbeatAt: at, lastQuality: q }, new Date(at.getTime() + Math.min(a, b)));
        const late = deriveLinkState({ lastHeartbeatAt: at, lastQuality: q }, new Date(at.getTime() + Math.max(a, b)));
        expect(rank[late]).toBeGreaterThanOrEqual(rank[early]);
      }),
    );
  });

  it("gets no worse with better quality at the same age", () => {
    fc.assert(
      fc.property(instant, quality, quality, fc.integer({ min: 0, max: 60_000 }), (at, q1, q2, age) => {
        const now = new Date(at.getTime() + age);
        const lo = deriveLinkState({ lastHeartbeatAt: at, lastQuality: Math.min(q1, q2) }, now);
        const hi = deriveLinkState({ lastHeartbeatAt: at, lastQuality: Math.max(q1, q2) }, now);
        expect(rank[hi]).toBeLessThanOrEqual(rank[lo]);
      }),
    );
  });

  it("applying heartbeats in any order leaves the state of the newest one", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 15_000 }), quality), { minLength: 1, maxLength: 20 }), (beats) => {
        const now = new Date(t0 + 15_000);
        let site = { lastHeartbeatAt: null as Date | null, lastQuality: null as number | null, linkState: "disconnected" as LinkState };
        for (const [ms, q] of beats) {
          const out = applyHeartbeat(site, { at: new Date(t0 + ms), quality: q }, now);
          if (out.kind === "applied") site = { lastHeartbeatAt: out.lastHeartbeatAt, lastQuality: out.lastQuality, linkState: out.linkState };
        }
        const newest = Math.max(...beats.map(([ms]) => ms));
        expect(site.lastHeartbeatAt?.getTime()).toBe(t0 + newest);
        expect(site.linkState).toBe(deriveLinkState(site, now));
      }),
    );
  });

  it("the sweep only ever worsens, and only to what the heartbeat age says", () => {
    fc.assert(
      fc.property(instant, quality, state, fc.integer({ min: 0, max: 60_000 }), (at, q, s, age) => {
        const site = { lastHeartbeatAt: at, lastQuality: q, linkState: s };
        const now = new Date(at.getTime() + age);
        const next = sweepLinkState(site, now, T);
        if (next !== null) {
          expect(rank[next]).toBeGreaterThan(rank[s]);
          expect(next).toBe(deriveLinkState(site, now, T));
        }
      }),
    );
  });
});

describe("attendance and agenda", () => {
  it("check-in accepts exactly the whole numbers from 0 to the expected attendance", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: -10, max: 600 }), (expected, present) => {
        const site = { expectedAttendance: expected, checkedInAt: null, presentCount: 0, linkState: "connected" as const };
        let ok = true;
        try {
          checkIn("in_session", site, present, new Date(t0));
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          ok = false;
        }
        expect(ok).toBe(present >= 0 && present <= expected);
      }),
    );
  });

  it("overrun is never negative and grows with the actual end", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28_800 }), fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 1_000 }), (planned, ran, more) => {
        const start = new Date(t0);
        const a = overrunSeconds({ plannedSeconds: planned, actualStart: start, actualEnd: new Date(t0 + ran * 1000) }, start);
        const b = overrunSeconds({ plannedSeconds: planned, actualStart: start, actualEnd: new Date(t0 + (ran + more) * 1000) }, start);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeGreaterThanOrEqual(a);
        expect(a).toBe(Math.max(0, ran - planned));
      }),
    );
  });

  it("the queue is the queued requests in registration order", () => {
    const status = fc.constantFrom("queued" as const, "speaking" as const, "done" as const, "withdrawn" as const, "not_reached" as const);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 30 }), fc.array(status, { minLength: 30, maxLength: 30 }), (seqs, statuses) => {
        const requests = seqs.map((sequence, i) => ({ id: `r${sequence}`, siteId: `s${i}`, status: statuses[i]!, sequence }));
        const q = queueOrder(requests);
        expect(q.every((r) => r.status === "queued")).toBe(true);
        expect(q.length).toBe(requests.filter((r) => r.status === "queued").length);
        for (let i = 1; i < q.length; i++) expect(q[i]!.sequence).toBeGreaterThan(q[i - 1]!.sequence);
      }),
    );
  });
});
