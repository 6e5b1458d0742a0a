import { afterEach, describe, expect, it, vi } from "vitest";
import { foldConferenceEvents, fromSnapshot, withSites, type ConferenceState } from "../src/state/conference-state.js";
import { LiveStore } from "../src/state/live-store.js";
import { cev, drop, siteRef, sites, snapshot } from "./fixtures.js";

const loaded = (lastEventId = "10") => withSites(fromSnapshot(snapshot(lastEventId)), sites(3));

afterEach(() => vi.useRealTimers());

describe("LiveStore", () => {
  it("holds events that arrive before the snapshot and folds only the newer ones into it", () => {
    const store = new LiveStore<ConferenceState>(foldConferenceEvents);
    store.push(drop(1, { id: "9" })); // in the snapshot already
    store.push(drop(2, { id: "11" }));
    expect(store.getState()).toBeNull();
    store.setSnapshot(loaded("10"));
    const s = store.getState()!;
    expect(s.sites.s1!.linkState).toBe("connected");
    expect(s.sites.s2!.linkState).toBe("disconnected");
  });

  it("folds a burst of live events in one batch and notifies once", () => {
    vi.useFakeTimers();
    const store = new LiveStore<ConferenceState>(foldConferenceEvents, 50);
    store.setSnapshot(loaded());
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.getState()));
    for (let i = 0; i < 20; i++) store.push(cev("conference.site.attendance_changed", { ...siteRef(3), presentCount: i, previousCount: 0, expectedAttendance: 10 }));
    expect(seen).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(seen).toHaveLength(1);
    expect(store.getState()!.sites.s3!.presentCount).toBe(19);
  });

  it("does not notify when a batch changes nothing (a replay)", () => {
    const store = new LiveStore<ConferenceState>(foldConferenceEvents);
    store.setSnapshot(loaded("1000"));
    let calls = 0;
    store.subscribe(() => calls++);
    store.push(drop(1, { id: "999" }));
    store.flush();
    expect(calls).toBe(0);
  });

  it("on snapshot-required (e.g. a gap) replays the events that arrived during the reload onto the new snapshot", () => {
    const store = new LiveStore<ConferenceState>(foldConferenceEvents);
    store.setSnapshot(loaded("10"));
    store.beginReload();
    store.push(drop(2, { id: "11" }));
    store.flush(); // the screen stays live while the snapshot reloads
    expect(store.getState()!.sites.s2!.linkState).toBe("disconnected");
    store.push(drop(3, { id: "12" })); // still pending when the snapshot lands
    // The reloaded snapshot was read before event 11: without the replay, s2's drop would be lost.
    store.setSnapshot(loaded("10"));
    const s = store.getState()!;
    expect(s.sites.s2!.linkState).toBe("disconnected");
    expect(s.sites.s3!.linkState).toBe("disconnected");
    expect(s.marks).toEqual({ conference: "12" });
    // The reload is over: a later snapshot does not replay them again.
    store.setSnapshot(loaded("20"));
    expect(store.getState()!.sites.s2!.linkState).toBe("connected");
  });
});
