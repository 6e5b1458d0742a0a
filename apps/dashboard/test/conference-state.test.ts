import { describe, expect, it } from "vitest";
import {
  agendaProgress,
  countsByProvince,
  foldConferenceEvents,
  fromSnapshot,
  summarizeSites,
  TIMELINE_LIMIT,
} from "../src/state/conference-state.js";
import { ev, snapshot } from "./fixtures.js";

describe("conference state fold", () => {
  it("starts from the snapshot with sites in Vietnamese name order and the snapshot's watermark", () => {
    const s = fromSnapshot(snapshot(3));
    expect(s.siteIds).toEqual(["s1", "s2", "s3"]);
    expect(s.sites.s1!.provinceCode).toBe("01");
    expect(s.marks).toEqual({ conference: "10" });
    expect(summarizeSites(s.sites)).toMatchObject({ total: 3, connected: 3, expected: 30 });
  });

  it("reflects a site dropping and counts it", () => {
    const s0 = fromSnapshot(snapshot(3));
    const s1 = foldConferenceEvents(s0, [ev("conference.site.linkChanged", { siteId: "s2", linkState: "disconnected" })]);
    expect(s1.sites.s2!.linkState).toBe("disconnected");
    expect(summarizeSites(s1.sites)).toMatchObject({ connected: 2, disconnected: 1 });
    expect(s1.timeline[0]).toMatchObject({ type: "conference.site.linkChanged", params: { site: "Điểm cầu 02", state: "disconnected" } });
    // untouched sites keep their identity (cheap re-renders), the input state is not mutated
    expect(s1.sites.s1).toBe(s0.sites.s1);
    expect(s0.sites.s2!.linkState).toBe("connected");
  });

  it("is idempotent by event id: a replayed batch adds nothing and duplicates no timeline entry", () => {
    const batch = [
      ev("conference.site.linkChanged", { siteId: "s1", linkState: "degraded" }),
      ev("conference.site.checkedIn", { siteId: "s1", checkedIn: 8 }),
      ev("conference.conclusion.recorded", { conclusion: { id: "k1", text: "Thống nhất", recordedAt: "2026-11-27T02:00:00Z" } }),
    ];
    const once = foldConferenceEvents(fromSnapshot(snapshot(3)), batch);
    const twice = foldConferenceEvents(once, batch);
    expect(twice).toBe(once);
    const replayedOneByOne = batch.reduce((s, e) => foldConferenceEvents(s, [e, e]), once);
    expect(replayedOneByOne).toBe(once);
    expect(once.timeline).toHaveLength(3);
    expect(once.conclusions).toHaveLength(1);
    expect(once.sites.s1).toMatchObject({ linkState: "degraded", checkedIn: 8, expected: 10 });
  });

  it("skips events already contained in the snapshot", () => {
    const s0 = fromSnapshot(snapshot(3, "500"));
    const old = ev("conference.site.linkChanged", { siteId: "s1", linkState: "disconnected" }, { id: "499" });
    expect(foldConferenceEvents(s0, [old])).toBe(s0);
    const fresh = ev("conference.site.linkChanged", { siteId: "s1", linkState: "disconnected" }, { id: "501" });
    expect(foldConferenceEvents(s0, [fresh]).sites.s1!.linkState).toBe("disconnected");
  });

  it("ignores other conferences, unknown types and unknown sites, but never crashes on a bad payload", () => {
    const s0 = fromSnapshot(snapshot(2));
    expect(foldConferenceEvents(s0, [ev("conference.site.linkChanged", { siteId: "s1", linkState: "disconnected" }, { aggregateId: "other" })])).toBe(s0);
    expect(foldConferenceEvents(s0, [ev("conference.unknownThing", {})])).toBe(s0);
    const bad = foldConferenceEvents(s0, [ev("conference.site.linkChanged", { siteId: 42 })]);
    expect(bad.sites).toBe(s0.sites);
    expect(bad.timeline).toHaveLength(0);
    const ghost = foldConferenceEvents(s0, [ev("conference.site.linkChanged", { siteId: "nope", linkState: "connected" })]);
    expect(ghost.sites).toBe(s0.sites);
  });

  it("advances the agenda and the speaker, taking the speaker off the queue", () => {
    const s0 = fromSnapshot(snapshot(2));
    const s1 = foldConferenceEvents(s0, [
      ev("conference.speaker.queueChanged", { queue: [{ id: "p1", name: "Nguyễn Văn An", siteId: "s1" }, { id: "p2", name: "Lê Thị Bình" }] }),
      ev("conference.agenda.itemEnded", { itemId: "a1", endedAt: "2026-11-27T01:12:00Z" }),
      ev("conference.agenda.itemStarted", { itemId: "a2", startedAt: "2026-11-27T01:12:00Z" }),
      ev("conference.speaker.started", { speaker: { id: "p1", name: "Nguyễn Văn An", siteId: "s1" } }),
    ]);
    expect(s1.currentItemId).toBe("a2");
    expect(s1.agenda[0]!.endedAt).toBe("2026-11-27T01:12:00Z");
    expect(s1.speaker?.name).toBe("Nguyễn Văn An");
    expect(s1.queue.map((q) => q.id)).toEqual(["p2"]);
    expect(s1.timeline.map((t) => t.type)).toEqual([
      "conference.speaker.started",
      "conference.agenda.itemStarted",
      "conference.agenda.itemEnded",
      "conference.speaker.queueChanged",
    ]);
  });

  it("keeps the timeline bounded, newest first", () => {
    const events = Array.from({ length: TIMELINE_LIMIT + 50 }, (_, i) =>
      ev("conference.site.checkedIn", { siteId: "s1", checkedIn: i % 10 }),
    );
    const s = foldConferenceEvents(fromSnapshot(snapshot(1)), events);
    expect(s.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(s.timeline[0]!.eventId).toBe(events.at(-1)!.id);
  });

  it("aggregates 16,240 sites by province", () => {
    const s = fromSnapshot(snapshot(16_240));
    const dropped = foldConferenceEvents(s, [ev("conference.site.linkChanged", { siteId: "s2", linkState: "disconnected" })]);
    const byProvince = countsByProvince(dropped.sites);
    expect(byProvince.get("01")).toMatchObject({ total: 8120, connected: 8120 });
    expect(byProvince.get("79")).toMatchObject({ total: 8120, connected: 8119, disconnected: 1 });
  });

  it("computes elapsed and planned time of the current agenda item", () => {
    const s = fromSnapshot(snapshot(1));
    const p = agendaProgress(s.agenda, s.currentItemId, Date.parse("2026-11-27T01:11:00Z"));
    expect(p).toMatchObject({ index: 0, elapsedMs: 11 * 60_000, plannedMs: 10 * 60_000, overtime: true });
    expect(agendaProgress(s.agenda, "a2", Date.now())).toBeNull();
  });
});
