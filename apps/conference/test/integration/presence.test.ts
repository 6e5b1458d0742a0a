// Site presence (issue #15) as the service answers it over HTTP: the snapshot's counters, the province
// roll-up and the site list say "not yet connected", "connecting", "connected", "degraded", "lost" and
// "left" for what they are, through the conference's whole life, and the events carry the phases a
// screen folds with the contract's own function.
import { presenceCounts, type LinkPhase } from "@orgboard/contract-conference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGANIZER, SITES, beat, conferenceInput, provincialBoard, startHarness, type Client, type Harness } from "./harness.js";

let h: Harness;
let organizer: Client;

beforeAll(async () => {
  h = await startHarness();
  organizer = h.client(ORGANIZER);
});
afterAll(async () => {
  await h?.close();
});

const none = { not_connected: 0, connecting: 0, connected: 0, degraded: 0, lost: 0, left: 0 };

describe("site presence through a conference's life", () => {
  it("never counts a site that has not joined yet as lost, and tells each state apart", async () => {
    const c = await organizer.conference.create.mutate(conferenceInput());
    const ids = Object.fromEntries((await organizer.conference.sites.list.query({ conferenceId: c.id })).items.map((s) => [s.code, s.id]));
    const snap = () => organizer.conference.get.query({ conferenceId: c.id });

    // Scheduled: 4 of 4 not yet connected, none lost (the screen said "MẤT KẾT NỐI 4").
    let s = await snap();
    expect(s.counters.presence).toEqual({ ...none, not_connected: 4 });
    expect(s.counters.phases).toEqual({ never_heard: 4, not_yet_live: 0, connected: 0, degraded: 0, dropped: 0 });
    expect(s.counters.disconnected).toBe(4); // the link rule's word for it, kept for old clients

    // Connecting: the bridge is calling every site.
    await organizer.conference.startConnecting.mutate({ conferenceId: c.id });
    expect((await snap()).counters.presence).toEqual({ ...none, connecting: 4 });

    // Hà Nội connects, then drops; Tuyên Quang's city is seen with lost media (first beat 0.1); the Army is unstable.
    await beat(h, [
      { siteId: ids["01"]!, quality: 0.95 },
      { siteId: ids["08-070"]!, quality: 0.1 },
      { siteId: ids["QDTW"]!, quality: 0.5 },
    ]);
    await beat(h, [{ siteId: ids["01"]!, quality: 0 }]);
    s = await snap();
    expect(s.counters.phases).toEqual({ never_heard: 1, not_yet_live: 1, connected: 0, degraded: 1, dropped: 1 });
    expect(s.counters.presence).toEqual({ ...none, connecting: 2, degraded: 1, lost: 1 });
    expect(s.counters.presence).toEqual(presenceCounts("connecting_sites", s.counters.phases));

    // The first beat with lost media changed the phase, not the link state: an event says so.
    const events = await h.db.prisma.outboxEvent.findMany({ where: { type: "conference.site.state_changed", aggregateId: c.id }, orderBy: { id: "asc" } });
    const phases = events.map((e) => e.payload as { siteCode: string; from: string; to: string; fromPhase: LinkPhase; toPhase: LinkPhase });
    expect(phases.filter((p) => p.siteCode === "08-070").map((p) => [p.from, p.to, p.fromPhase, p.toPhase])).toEqual([
      ["disconnected", "disconnected", "never_heard", "not_yet_live"],
    ]);
    expect(phases.filter((p) => p.siteCode === "01").map((p) => [p.fromPhase, p.toPhase])).toEqual([
      ["never_heard", "connected"],
      ["connected", "dropped"],
    ]);

    // In session: Tuyên Quang's province committee, still silent, is a latecomer ("not yet connected").
    await beat(h, [{ siteId: ids["QDTW"]!, quality: 0.9 }]);
    await organizer.conference.openSession.mutate({ conferenceId: c.id });
    s = await snap();
    expect(s.counters.presence).toEqual({ ...none, not_connected: 1, connecting: 1, connected: 1, lost: 1 });
    const list = (await organizer.conference.sites.list.query({ conferenceId: c.id })).items;
    expect(Object.fromEntries(list.map((x) => [x.code, [x.phase, x.presence]]))).toEqual({
      "01": ["dropped", "lost"],
      "08": ["never_heard", "not_connected"],
      "08-070": ["not_yet_live", "connecting"],
      QDTW: ["connected", "connected"],
    });

    // The province roll-up and a provincial board's own counters use the same definition.
    const { groups } = await organizer.conference.sites.byProvince.query({ conferenceId: c.id });
    expect(Object.fromEntries(groups.map((g) => [g.orgPath, g.presence]))).toEqual({
      "/01/": { ...none, lost: 1 },
      "/08/": { ...none, not_connected: 1, connecting: 1 },
      "/QDTW/": { ...none, connected: 1 },
    });
    const tq = await h.client(provincialBoard("/08/")).conference.get.query({ conferenceId: c.id });
    expect(tq.myCounters?.presence).toEqual({ ...none, not_connected: 1, connecting: 1 });

    // Concluded: whoever was on the bridge has left; the site that never joined did not "leave".
    await organizer.conference.conclude.mutate({ conferenceId: c.id });
    expect((await snap()).counters.presence).toEqual({ ...none, not_connected: 1, left: 3 });
    expect(SITES).toHaveLength(4);
  });
});
