import { describe, expect, it } from "vitest";
import {
  CONFERENCE_STATUSES,
  DomainError,
  assertCanAddSites,
  assertTransition,
  canTransition,
  topLevelPath,
  isWithin,
  isOrgPath,
  validatePlan,
  validateSites,
  type ConferenceStatus,
} from "../../src/domain/index.js";
import { reasonOf } from "./helpers.js";

describe("conference status transitions", () => {
  const legal: [ConferenceStatus, ConferenceStatus][] = [
    ["scheduled", "connecting_sites"],
    ["connecting_sites", "in_session"],
    ["in_session", "concluded"],
  ];
  it("allows exactly the three forward moves", () => {
    for (const from of CONFERENCE_STATUSES) {
      for (const to of CONFERENCE_STATUSES) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });
  it.each([
    ["scheduled", "in_session"],
    ["scheduled", "concluded"],
    ["connecting_sites", "concluded"],
    ["in_session", "connecting_sites"],
    ["concluded", "in_session"],
    ["concluded", "concluded"],
    ["in_session", "in_session"],
  ] as [ConferenceStatus, ConferenceStatus][])("refuses %s → %s as a CONFLICT naming both", (from, to) => {
    try {
      assertTransition(from, to);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("CONFLICT");
      expect((e as DomainError).reason).toBe("illegal_transition");
      expect((e as DomainError).message).toContain(from);
      expect((e as DomainError).message).toContain(to);
    }
  });
  it("only takes new sites before the session opens", () => {
    expect(reasonOf(() => assertCanAddSites("scheduled"))).toBeUndefined();
    expect(reasonOf(() => assertCanAddSites("connecting_sites"))).toBeUndefined();
    expect(reasonOf(() => assertCanAddSites("in_session"))).toBe("sites_closed");
    expect(reasonOf(() => assertCanAddSites("concluded"))).toBe("sites_closed");
  });
});

describe("conference plan", () => {
  const start = new Date("2024-04-01T07:00:00Z");
  const plan = (minutes: number, agenda: number[], orgPath = "/") => ({
    orgPath,
    scheduledStart: start,
    scheduledEnd: new Date(start.getTime() + minutes * 60_000),
    agenda: agenda.map((m) => ({ plannedSeconds: m * 60 })),
  });
  it("accepts an agenda that fits the window", () => {
    expect(() => validatePlan(plan(180, [5, 30, 40, 60, 15]))).not.toThrow();
    expect(() => validatePlan(plan(150, [5, 30, 40, 60, 15]))).not.toThrow();
  });
  it("refuses an agenda longer than the window", () => {
    expect(reasonOf(() => validatePlan(plan(149, [5, 30, 40, 60, 15])))).toBe("agenda_exceeds_schedule");
  });
  it("refuses an end before the start, and a window over 12 hours", () => {
    expect(reasonOf(() => validatePlan(plan(0, [])))).toBe("invalid_schedule");
    expect(reasonOf(() => validatePlan(plan(-10, [])))).toBe("invalid_schedule");
    expect(reasonOf(() => validatePlan(plan(12 * 60 + 1, [])))).toBe("invalid_schedule");
  });
  it("refuses a malformed organizer path", () => {
    expect(reasonOf(() => validatePlan(plan(60, [], "08")))).toBe("invalid_org_path");
    expect(reasonOf(() => validatePlan(plan(60, [], "/08")))).toBe("invalid_org_path");
  });
});

describe("sites of a conference", () => {
  it("accepts sites inside the organizer's subtree", () => {
    expect(() =>
      validateSites("/", [
        { code: "08", orgPath: "/08/", expectedAttendance: 40 },
        { code: "01", orgPath: "/01/", expectedAttendance: 60 },
      ]),
    ).not.toThrow();
  });
  it("refuses a site of another province in a provincial conference, naming the field", () => {
    try {
      validateSites("/08/", [
        { code: "A", orgPath: "/08/08-001/", expectedAttendance: 1 },
        { code: "B", orgPath: "/080/", expectedAttendance: 1 },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).reason).toBe("site_outside_organizer");
      expect((e as DomainError).field).toBe("sites.1.orgPath");
    }
  });
  it("refuses duplicate codes, also against existing sites", () => {
    expect(reasonOf(() => validateSites("/", [{ code: "08", orgPath: "/08/", expectedAttendance: 1 }, { code: "08", orgPath: "/02/", expectedAttendance: 1 }]))).toBe(
      "duplicate_site_code",
    );
    expect(reasonOf(() => validateSites("/", [{ code: "08", orgPath: "/08/", expectedAttendance: 1 }], new Set(["08"])))).toBe("duplicate_site_code");
  });
});

describe("organization paths", () => {
  it("recognises paths and subtrees by prefix", () => {
    expect(isOrgPath("/")).toBe(true);
    expect(isOrgPath("/01/01-007/")).toBe(true);
    expect(isOrgPath("/01")).toBe(false);
    expect(isOrgPath("//")).toBe(false);
    expect(isWithin("/01/01-007/", "/01/")).toBe(true);
    expect(isWithin("/010/", "/01/")).toBe(false);
  });
  it("finds the top-level organization", () => {
    expect(topLevelPath("/08/08-003/08-003-0001/")).toBe("/08/");
    expect(topLevelPath("/08/")).toBe("/08/");
    expect(topLevelPath("/")).toBe("/");
  });
});
