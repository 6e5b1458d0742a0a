import { describe, expect, it } from "vitest";
import { LINK_PHASES, SITE_PRESENCE_STATES, linkPhase, presenceCounts, sitePresence, type LinkPhaseCounts } from "../src/index.js";

const at = "2026-03-01T08:00:00.000Z";

describe("site presence (one definition for the service and the dashboard)", () => {
  it("tells a site never heard from apart from one that dropped, though both are 'disconnected' links", () => {
    expect(linkPhase({ linkState: "disconnected", lastHeartbeatAt: null, dropCount: 0 })).toBe("never_heard");
    expect(linkPhase({ linkState: "disconnected", lastHeartbeatAt: at, dropCount: 0 })).toBe("not_yet_live");
    expect(linkPhase({ linkState: "disconnected", lastHeartbeatAt: at, dropCount: 2 })).toBe("dropped");
    expect(linkPhase({ linkState: "degraded", lastHeartbeatAt: at, dropCount: 1 })).toBe("degraded");
    expect(linkPhase({ linkState: "connected", lastHeartbeatAt: new Date(at), dropCount: 1 })).toBe("connected");
  });

  it("maps each phase at each conference status", () => {
    const table = Object.fromEntries(
      (["scheduled", "connecting_sites", "in_session", "concluded"] as const).map((s) => [s, LINK_PHASES.map((p) => sitePresence(s, p))]),
    );
    // phases in order: never_heard, not_yet_live, connected, degraded, dropped
    expect(table).toEqual({
      scheduled: ["not_connected", "not_connected", "not_connected", "not_connected", "not_connected"],
      connecting_sites: ["connecting", "connecting", "connected", "degraded", "lost"],
      in_session: ["not_connected", "connecting", "connected", "degraded", "lost"],
      concluded: ["not_connected", "left", "left", "left", "left"],
    });
  });

  it("never calls a site that has not joined yet 'lost' (issue #15: 67 of 67 red before the start)", () => {
    for (const s of ["scheduled", "connecting_sites", "in_session", "concluded"] as const) expect(sitePresence(s, "never_heard")).not.toBe("lost");
  });

  it("counts per presence state from counts per phase, keeping the total", () => {
    const phases: LinkPhaseCounts = { never_heard: 59, not_yet_live: 1, connected: 5, degraded: 1, dropped: 1 };
    const c = presenceCounts("connecting_sites", phases);
    expect(c).toEqual({ not_connected: 0, connecting: 60, connected: 5, degraded: 1, lost: 1, left: 0 });
    expect(presenceCounts("in_session", phases)).toEqual({ not_connected: 59, connecting: 1, connected: 5, degraded: 1, lost: 1, left: 0 });
    expect(presenceCounts("scheduled", phases).not_connected).toBe(67);
    expect(presenceCounts("concluded", phases)).toEqual({ not_connected: 59, connecting: 0, connected: 0, degraded: 0, lost: 0, left: 8 });
    expect(Object.keys(c)).toEqual([...SITE_PRESENCE_STATES]);
  });
});
