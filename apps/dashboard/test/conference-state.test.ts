import { presenceCounts } from "@orgboard/contract-conference";
import { describe, expect, it } from "vitest";
import { agendaProgress, foldConferenceEvents, fromSnapshot, TIMELINE_LIMIT, withProvinces, withSites } from "../src/state/conference-state.js";
import { cev, drop, ev, linkChange, live, siteRef, sites, snapshot } from "./fixtures.js";

const loaded = (n = 3, lastEventId = "10") => withSites(fromSnapshot(snapshot(lastEventId, { sites: n, connected: n })), sites(n));

describe("conference state fold", () => {
  it("starts from the snapshot: its counters, its watermark, sites in Vietnamese name order", () => {
    const s = loaded(3);
    expect(s.siteIds).toEqual(["s1", "s2", "s3"]);
    expect(s.sites.s2!.provincePath).toBe("/79/");
    expect(s.marks).toEqual({ conference: "10" });
    expect(s.counters).toMatchObject({ sites: 3, connected: 3 });
    expect(fromSnapshot(snapshot("0")).marks).toEqual({});
  });

  it("prefers the reader's own counters (a provincial official) over the whole conference's", () => {
    const mine = live({ sites: 2, connected: 1, degraded: 0, disconnected: 1, checkedIn: 0, expectedAttendance: 20, presentCount: 0 });
    const { presence: _, ...kept } = mine;
    expect(fromSnapshot({ ...snapshot(), myCounters: mine }).counters).toEqual(kept);
  });

  it("reflects a site dropping, in the site and in the counters", () => {
    const s0 = loaded(3);
    const s1 = foldConferenceEvents(s0, [drop(2)]);
    expect(s1.sites.s2!.linkState).toBe("disconnected");
    expect(s1.counters).toMatchObject({ connected: 2, disconnected: 1 });
    expect(s1.timeline[0]).toMatchObject({ type: "conference.site.state_changed", params: { site: "Điểm cầu 02", state: "lost" } });
    expect(s1.sites.s1).toBe(s0.sites.s1); // untouched sites keep their identity: cheap re-renders
    expect(s0.sites.s2!.linkState).toBe("connected"); // the input is not mutated
  });

  it("is idempotent by event id: a replayed batch changes nothing and duplicates no timeline entry", () => {
    const batch = [
      cev("conference.site.state_changed", linkChange(1, "connected", "degraded")),
      cev("conference.site.checked_in", { ...siteRef(1), presentCount: 8, expectedAttendance: 10, checkedInAt: "2026-11-27T01:06:00Z" }),
      cev("conference.conclusion.added", { conferenceId: "c1", conclusionId: "k1", text: "Thống nhất", agendaItemId: "a1" }),
    ];
    const once = foldConferenceEvents(loaded(3), batch);
    expect(foldConferenceEvents(once, batch)).toBe(once);
    expect(batch.reduce((s, e) => foldConferenceEvents(s, [e, e]), once)).toBe(once);
    expect(once.timeline).toHaveLength(3);
    expect(once.conclusions).toHaveLength(1);
    expect(once.sites.s1).toMatchObject({ linkState: "degraded", checkedIn: true, presentCount: 8 });
    expect(once.counters).toMatchObject({ connected: 2, degraded: 1, checkedIn: 1, presentCount: 8 });
  });

  it("skips events already contained in the snapshot", () => {
    const s0 = loaded(3, "500");
    expect(foldConferenceEvents(s0, [drop(1, { id: "499" })])).toBe(s0);
    expect(foldConferenceEvents(s0, [drop(1, { id: "501" })]).sites.s1!.linkState).toBe("disconnected");
  });

  it("ignores other conferences and unknown types, and never crashes on a bad payload", () => {
    const s0 = loaded(2);
    expect(foldConferenceEvents(s0, [drop(1, { aggregateId: "other" })])).toBe(s0);
    expect(foldConferenceEvents(s0, [ev("conference.unknown_thing", {})])).toBe(s0);
    const bad = foldConferenceEvents(s0, [ev("conference.site.state_changed", { siteId: 42 })]);
    expect(bad.sites).toBe(s0.sites);
    expect(bad.counters).toBe(s0.counters);
    expect(bad.timeline).toHaveLength(0);
  });

  it("corrects attendance by the difference to the previous count", () => {
    const s1 = foldConferenceEvents(loaded(3), [
      cev("conference.site.checked_in", { ...siteRef(3), presentCount: 9, expectedAttendance: 10, checkedInAt: "2026-11-27T01:06:00Z" }),
      cev("conference.site.attendance_changed", { ...siteRef(3), presentCount: 7, previousCount: 9, expectedAttendance: 10 }),
    ]);
    expect(s1.counters).toMatchObject({ checkedIn: 1, presentCount: 7 });
    expect(s1.sites.s3!.presentCount).toBe(7);
  });

  it("advances the agenda and the floor, taking the speaker off the queue", () => {
    const s1 = foldConferenceEvents(loaded(2), [
      cev("conference.speaker.registered", { requestId: "r1", ...siteRef(1), speakerName: "Nguyễn Văn An", sequence: 1, queueLength: 1 }),
      cev("conference.speaker.registered", { requestId: "r2", ...siteRef(2), speakerName: "Lê Thị Bình", sequence: 2, queueLength: 2 }),
      cev("conference.agenda.advanced", {
        conferenceId: "c1",
        finished: { itemId: "a1", position: 1, title: "Khai mạc", actualStart: "2026-11-27T01:00:00Z", actualEnd: "2026-11-27T01:12:00Z", overrunSeconds: 120 },
        started: { itemId: "a2", position: 2, title: "Báo cáo chính trị", kind: "report", plannedMinutes: 45, actualStart: "2026-11-27T01:12:00Z" },
      }),
      cev("conference.speaker.changed", {
        conferenceId: "c1",
        current: { requestId: "r1", ...siteRef(1), speakerName: "Nguyễn Văn An", speakerTitle: null, topic: "Công tác cán bộ", startedAt: "2026-11-27T01:13:00Z" },
        previous: null,
        queueLength: 1,
      }),
    ]);
    expect(s1.currentItemId).toBe("a2");
    expect(s1.agenda.map((i) => i.status)).toEqual(["done", "in_progress"]);
    expect(s1.speaker).toMatchObject({ speakerName: "Nguyễn Văn An", siteName: "Điểm cầu 01", topic: "Công tác cán bộ" });
    expect(s1.queue.map((q) => q.id)).toEqual(["r2"]);
    expect(s1.queueLength).toBe(1);
    expect(s1.timeline.map((t) => t.type)).toEqual([
      "conference.speaker.changed",
      "conference.agenda.advanced",
      "conference.speaker.registered",
      "conference.speaker.registered",
    ]);
  });

  it("keeps the timeline bounded, newest first", () => {
    const events = Array.from({ length: TIMELINE_LIMIT + 50 }, (_, i) =>
      cev("conference.site.attendance_changed", { ...siteRef(1), presentCount: i % 10, previousCount: 0, expectedAttendance: 10 }),
    );
    const s = foldConferenceEvents(loaded(1), events);
    expect(s.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(s.timeline[0]!.eventId).toBe(events.at(-1)!.id);
  });

  it("keeps per-province counters live at national size without loading the sites", () => {
    const counters = { sites: 16_240, connected: 16_240, degraded: 0, disconnected: 0, checkedIn: 0, expectedAttendance: 0, presentCount: 0 };
    const s0 = withProvinces(fromSnapshot(snapshot("10", counters)), [
      { ...live({ ...counters, sites: 8120, connected: 8120 }), orgPath: "/01/", name: null },
      { ...live({ ...counters, sites: 8120, connected: 8120 }), orgPath: "/79/", name: null },
    ]);
    const s1 = foldConferenceEvents(s0, [drop(2)]);
    expect(s1.counters).toMatchObject({ connected: 16_239, disconnected: 1 });
    expect(s1.provinces!["/79/"]).toMatchObject({ sites: 8120, connected: 8119, disconnected: 1 });
    expect(s1.provinces!["/01/"]).toBe(s0.provinces!["/01/"]);
    // drilling into a province later loads its sites; later events update them
    const s2 = foldConferenceEvents(withSites(s1, sites(16_240).filter((x) => x.orgPath.startsWith("/01/"))), [drop(3)]);
    expect(s2.siteIds).toHaveLength(8120);
    expect(s2.sites.s3!.linkState).toBe("disconnected");
  });

  it("computes elapsed and planned time of the current agenda item", () => {
    const s = loaded(1);
    const p = agendaProgress(s.agenda, s.currentItemId, Date.parse("2026-11-27T01:11:00Z"));
    expect(p).toMatchObject({ index: 0, elapsedMs: 11 * 60_000, plannedMs: 10 * 60_000, overtime: true });
    expect(agendaProgress(s.agenda, "a2", Date.now())).toBeNull();
  });

  it("counts sites per presence state from phases, and moves them all when the status changes", () => {
    const phases = { never_heard: 2, not_yet_live: 0, connected: 1, degraded: 0, dropped: 0 };
    const s0 = fromSnapshot(snapshot("10", { sites: 3, connected: 1, disconnected: 2, phases }, "connecting_sites"));
    expect(presenceCounts(s0.conference.status, s0.counters.phases)).toMatchObject({ connecting: 2, connected: 1, lost: 0 });
    // a first heartbeat with lost media: same link state, new phase
    const s1 = foldConferenceEvents(s0, [
      cev("conference.site.state_changed", { ...linkChange(1, "disconnected", "disconnected"), fromPhase: "never_heard", toPhase: "not_yet_live", dropCount: 0 }),
    ]);
    expect(s1.counters.phases).toEqual({ never_heard: 1, not_yet_live: 1, connected: 1, degraded: 0, dropped: 0 });
    expect(s1.counters.disconnected).toBe(2);
    // the session opens: the silent site becomes a latecomer, no site event needed; then one drops
    const s2 = foldConferenceEvents(s1, [
      cev("conference.status_changed", { conferenceId: "c1", from: "connecting_sites", to: "in_session", at: "2026-11-27T01:00:00Z" }),
      drop(3),
    ]);
    expect(presenceCounts(s2.conference.status, s2.counters.phases)).toEqual({ not_connected: 1, connecting: 1, connected: 0, degraded: 0, lost: 1, left: 0 });
    const s3 = foldConferenceEvents(s2, [cev("conference.status_changed", { conferenceId: "c1", from: "in_session", to: "concluded", at: "2026-11-27T04:00:00Z" })]);
    expect(presenceCounts(s3.conference.status, s3.counters.phases)).toEqual({ not_connected: 1, connecting: 0, connected: 0, degraded: 0, lost: 0, left: 2 });
  });
});
