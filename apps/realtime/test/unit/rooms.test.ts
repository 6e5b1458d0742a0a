import { describe, expect, it } from "vitest";
import { ancestorPaths, eventRooms, eventTopics, normalizeTopics, socketRooms } from "../../src/rooms.js";

describe("rooms", () => {
  it("an event path's ancestors, itself included", () => {
    expect(ancestorPaths("/")).toEqual(["/"]);
    expect(ancestorPaths("/01/")).toEqual(["/", "/01/"]);
    expect(ancestorPaths("/01/01-007/01-007-0031/")).toEqual(["/", "/01/", "/01/01-007/", "/01/01-007/01-007-0031/"]);
    expect(() => ancestorPaths("/01")).toThrow(/not an organization path/);
    expect(() => ancestorPaths("/01/../")).toThrow(/not an organization path/);
  });

  it("a socket's rooms intersect an event's rooms exactly when the event is in its subtree", () => {
    const ev = (orgPath: string) => new Set(eventRooms("conference", { type: "conference.x", orgPath, aggregateId: "c" }));
    const inScope = (scope: string[], orgPath: string) => [...socketRooms([{ service: "conference", kind: "events", paths: scope }], ["*"])].some((r) => ev(orgPath).has(r));
    expect(inScope(["/01/"], "/01/01-007/x/")).toBe(true);
    expect(inScope(["/01/"], "/01/")).toBe(true);
    expect(inScope(["/01/"], "/")).toBe(false);
    expect(inScope(["/01/"], "/010/")).toBe(false);
    expect(inScope(["/01/"], "/02/01/")).toBe(false);
    expect(inScope(["/"], "/02/01/")).toBe(true);
    expect(inScope(["/02/", "/01/01-007/"], "/01/01-007/x/")).toBe(true);
    expect(inScope(["/02/", "/01/01-007/"], "/01/01-008/")).toBe(false);
  });

  it("event topics: all, service, type, aggregate, and the conference of a site event", () => {
    expect(eventTopics("membership", { type: "membership.kpi.updated", aggregateId: "/01/" })).toEqual(["*", "membership", "membership.kpi.updated", "membership:/01/"]);
    expect(eventTopics("conference", { type: "conference.site.state_changed", aggregateId: "site-1", payload: { conferenceId: "c-9" } })).toContain("conference:c-9");
    expect(eventTopics("conference", { type: "conference.status_changed", aggregateId: "c-9", payload: { conferenceId: "c-9" } }).filter((t) => t === "conference:c-9")).toHaveLength(1);
  });

  it("normalizes topic lists and names the bad entry", () => {
    expect(normalizeTopics(["membership", "conference:c-1", "membership"])).toEqual({ ok: true, topics: ["conference:c-1", "membership"] });
    expect(normalizeTopics(["membership", "*"])).toEqual({ ok: true, topics: ["*"] });
    expect(normalizeTopics(["conference.site.state_changed"])).toEqual({ ok: true, topics: ["conference.site.state_changed"] });
    expect(normalizeTopics([])).toMatchObject({ ok: false, message: expect.stringMatching(/^topics: phải có ít nhất một chủ đề .* \/ must name at least one/) });
    expect(normalizeTopics(["a", 3])).toMatchObject({ ok: false, message: expect.stringMatching(/^topics\.1: /) });
    expect(normalizeTopics(["x@/01/"])).toMatchObject({ ok: false, message: expect.stringMatching(/^topics\.0: /) });
    expect(normalizeTopics(Array.from({ length: 51 }, (_, i) => `t${i}`))).toMatchObject({ ok: false, message: expect.stringMatching(/at most 50/) });
    expect(normalizeTopics("membership")).toMatchObject({ ok: false });
  });

  it("a service's events and its notices never share a room, nor do two services", () => {
    const e = { type: "inspection.watch.added", orgPath: "/01/", aggregateId: "w" };
    const detail = new Set(eventRooms("inspection", e));
    const notice = new Set(eventRooms("inspection", { ...e, type: "inspection.figures.changed", aggregateId: "/01/" }, "notice"));
    const noticeOnly = socketRooms([{ service: "inspection", kind: "notice", paths: ["/01/"] }], ["*"]);
    const membershipOnly = socketRooms([{ service: "membership", kind: "events", paths: ["/"] }], ["*"]);
    expect([...noticeOnly].some((r) => detail.has(r))).toBe(false);
    expect([...noticeOnly].some((r) => notice.has(r))).toBe(true);
    expect([...membershipOnly].some((r) => detail.has(r) || notice.has(r))).toBe(false);
  });
});
