import { contractProcedures } from "@orgboard/contracts";
import { describe, expect, it } from "vitest";
import {
  CONFERENCE_EVENT_TYPES,
  conferenceContract,
  conferenceEventSchemas,
  contract,
  isConferenceEventType,
  sitePageSchema,
  type SiteView,
} from "../src/index.js";

describe("the conference contract", () => {
  it("is exported as `contract` too, with a major.minor version", () => {
    expect(contract).toBe(conferenceContract);
    expect(conferenceContract.service).toBe("conference");
    expect(conferenceContract.version).toMatch(/^\d+\.\d+$/);
  });

  it("names every procedure of the service's router", () => {
    expect([...contractProcedures(conferenceContract)].map(([path, p]) => `${path} ${p.kind}`)).toEqual([
      "conference.agenda.next mutation",
      "conference.audit.search query",
      "conference.conclude mutation",
      "conference.conclusions.add mutation",
      "conference.create mutation",
      "conference.documents.disseminate mutation",
      "conference.events.stream subscription",
      "conference.floor.end mutation",
      "conference.floor.give mutation",
      "conference.get query",
      "conference.list query",
      "conference.openSession mutation",
      "conference.restructuring.conservation query",
      "conference.restructuring.rekey mutation",
      "conference.sites.add mutation",
      "conference.sites.byProvince query",
      "conference.sites.checkIn mutation",
      "conference.sites.list query",
      "conference.sites.reportAttendance mutation",
      "conference.speakers.register mutation",
      "conference.speakers.withdraw mutation",
      "conference.startConnecting mutation",
    ]);
    expect(Object.keys(conferenceContract.events)).toEqual(CONFERENCE_EVENT_TYPES);
  });

});

describe("conference wire contract", () => {
  const site: SiteView = {
    id: "s1",
    conferenceId: "c1",
    code: "001",
    name: "Điểm cầu 01",
    orgPath: "/01/",
    chairName: "Chủ trì",
    chairTitle: null,
    expectedAttendance: 10,
    presentCount: 0,
    checkedInAt: null,
    linkState: "connected",
    lastHeartbeatAt: null,
    lastQuality: null,
    dropCount: 0,
    phase: "never_heard",
    presence: "not_connected",
  };
  it("a site page is read as the service writes it; a missing field is an error, not a default", () => {
    expect(sitePageSchema.parse({ items: [site], nextCursor: null })).toEqual({ items: [site], nextCursor: null });
    const { dropCount: _, ...withoutDrops } = site;
    expect(sitePageSchema.safeParse({ items: [withoutDrops], nextCursor: null }).success).toBe(false);
  });
  it("event types are the schemas' keys, and only those (not Object.prototype's)", () => {
    expect(CONFERENCE_EVENT_TYPES).toEqual(Object.keys(conferenceEventSchemas));
    for (const t of CONFERENCE_EVENT_TYPES) expect(isConferenceEventType(t)).toBe(true);
    for (const t of ["conference.unknown", "toString", "__proto__", "membership.member.admitted"]) expect(isConferenceEventType(t)).toBe(false);
  });
});
