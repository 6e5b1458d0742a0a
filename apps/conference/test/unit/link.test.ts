import { describe, expect, it } from "vitest";
import { DEFAULT_LINK_THRESHOLDS as T, applyHeartbeat, deriveLinkState, sweepLinkState, validateThresholds } from "../../src/domain/index.js";
import { errorOf, reasonOf } from "./helpers.js";

const now = new Date("2024-04-01T07:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("deriveLinkState", () => {
  it("a site never heard from is disconnected", () => {
    expect(deriveLinkState({ lastHeartbeatAt: null, lastQuality: null }, now)).toBe("disconnected");
  });
  it("uses the documented quality thresholds (boundaries included on the better side)", () => {
    expect(deriveLinkState({ lastHeartbeatAt: now, lastQuality: 1 }, now)).toBe("connected");
    expect(deriveLinkState({ lastHeartbeatAt: now, lastQuality: 0.6 }, now)).toBe("connected");
    expect(deriveLinkState({ lastHeartbeatAt: now, lastQuality: 0.59 }, now)).toBe("degraded");
    expect(deriveLinkState({ lastHeartbeatAt: now, lastQuality: 0.2 }, now)).toBe("degraded");
    expect(deriveLinkState({ lastHeartbeatAt: now, lastQuality: 0.19 }, now)).toBe("disconnected");
    expect(deriveLinkState({ lastHeartbeatAt: now, lastQuality: 0 }, now)).toBe("disconnected");
  });
  it("ages a good link: degraded after two missed beats, disconnected after four", () => {
    expect(deriveLinkState({ lastHeartbeatAt: ago(9_999), lastQuality: 1 }, now)).toBe("connected");
    expect(deriveLinkState({ lastHeartbeatAt: ago(10_000), lastQuality: 1 }, now)).toBe("degraded");
    expect(deriveLinkState({ lastHeartbeatAt: ago(19_999), lastQuality: 1 }, now)).toBe("degraded");
    expect(deriveLinkState({ lastHeartbeatAt: ago(20_000), lastQuality: 1 }, now)).toBe("disconnected");
  });
});

describe("applyHeartbeat", () => {
  const fresh = { lastHeartbeatAt: null, lastQuality: null, linkState: "disconnected" as const };
  it("first good heartbeat connects the site and reports a change", () => {
    const out = applyHeartbeat(fresh, { at: now, quality: 0.95 }, now);
    expect(out).toEqual({ kind: "applied", lastHeartbeatAt: now, lastQuality: 0.95, linkState: "connected", changed: true });
  });
  it("same state again is applied without a change", () => {
    const site = { lastHeartbeatAt: ago(5_000), lastQuality: 0.9, linkState: "connected" as const };
    const out = applyHeartbeat(site, { at: now, quality: 0.8 }, now);
    expect(out.kind === "applied" && out.changed).toBe(false);
  });
  it("a bad-quality heartbeat degrades, a zero-quality one disconnects", () => {
    const site = { lastHeartbeatAt: ago(5_000), lastQuality: 0.9, linkState: "connected" as const };
    expect(applyHeartbeat(site, { at: now, quality: 0.4 }, now)).toMatchObject({ linkState: "degraded", changed: true });
    expect(applyHeartbeat(site, { at: now, quality: 0 }, now)).toMatchObject({ linkState: "disconnected", changed: true });
  });
  it("ignores a heartbeat older than or equal to the last one (out-of-order batches)", () => {
    const site = { lastHeartbeatAt: now, lastQuality: 0.9, linkState: "connected" as const };
    expect(applyHeartbeat(site, { at: ago(1), quality: 0 }, now)).toEqual({ kind: "stale" });
    expect(applyHeartbeat(site, { at: now, quality: 0 }, now)).toEqual({ kind: "stale" });
  });
  it("a late-arriving old heartbeat does not bring a dead site back", () => {
    const out = applyHeartbeat(fresh, { at: ago(30_000), quality: 1 }, now);
    expect(out).toMatchObject({ kind: "applied", linkState: "disconnected", changed: false });
  });
  it("refuses quality outside 0..1 and clocks far in the future, naming the field", () => {
    expect(errorOf(() => applyHeartbeat(fresh, { at: now, quality: 1.5 }, now)).field).toBe("quality");
    expect(reasonOf(() => applyHeartbeat(fresh, { at: now, quality: Number.NaN }, now))).toBe("invalid_quality");
    expect(reasonOf(() => applyHeartbeat(fresh, { at: new Date(now.getTime() + T.maxFutureSkewMs + 1), quality: 1 }, now))).toBe("heartbeat_in_future");
    expect(reasonOf(() => applyHeartbeat(fresh, { at: new Date(now.getTime() + 5_000), quality: 1 }, now))).toBeUndefined();
  });
});

describe("sweepLinkState", () => {
  it("only ever worsens a link", () => {
    expect(sweepLinkState({ lastHeartbeatAt: ago(12_000), lastQuality: 1, linkState: "connected" }, now)).toBe("degraded");
    expect(sweepLinkState({ lastHeartbeatAt: ago(25_000), lastQuality: 1, linkState: "degraded" }, now)).toBe("disconnected");
    expect(sweepLinkState({ lastHeartbeatAt: ago(1_000), lastQuality: 1, linkState: "connected" }, now)).toBeNull();
    // Stored "degraded" with a fresh good beat: improving needs a heartbeat, not a sweep.
    expect(sweepLinkState({ lastHeartbeatAt: ago(1_000), lastQuality: 1, linkState: "degraded" }, now)).toBeNull();
    expect(sweepLinkState({ lastHeartbeatAt: null, lastQuality: null, linkState: "disconnected" }, now)).toBeNull();
  });
});

describe("validateThresholds", () => {
  it("refuses inconsistent thresholds", () => {
    expect(reasonOf(() => validateThresholds({ ...T, disconnectedBelowQuality: 0.7 }))).toBe("invalid_thresholds");
    expect(reasonOf(() => validateThresholds({ ...T, degradedAfterMs: 30_000 }))).toBe("invalid_thresholds");
    expect(validateThresholds({ ...T })).toEqual(T);
  });
});
