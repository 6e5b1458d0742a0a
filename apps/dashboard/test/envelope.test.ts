import { describe, expect, it } from "vitest";
import { advance, compareIds, eventSource, isApplied, parseEnvelope } from "../src/state/envelope.js";

describe("event envelope", () => {
  it("compares decimal ids beyond 2^53 exactly", () => {
    expect(compareIds("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareIds("99", "100")).toBe(-1);
    expect(compareIds("42", "42")).toBe(0);
  });

  it("keeps one watermark per service, since each service numbers its own events", () => {
    let marks = advance({}, { id: "5", type: "conference.site.linkChanged" });
    marks = advance(marks, { id: "2", type: "membership.admission.approved" });
    expect(marks).toEqual({ conference: "5", membership: "2" });
    expect(isApplied(marks, { id: "5", type: "conference.x" })).toBe(true);
    expect(isApplied(marks, { id: "3", type: "membership.x" })).toBe(false);
    expect(advance(marks, { id: "4", type: "conference.x" })).toBe(marks);
    expect(eventSource({ type: "conference.site.state_changed" })).toBe("conference");
    // the gateway names the stream: its id sequence is the one that counts
    expect(eventSource({ type: "site.state_changed", service: "conference" })).toBe("conference");
  });

  it("drops malformed envelopes", () => {
    expect(parseEnvelope({ id: "x1", type: "a", orgPath: "/", aggregateId: "c", occurredAt: "t", payload: {} })).toBeNull();
    expect(parseEnvelope({ id: "1", type: "a", orgPath: "/01/", aggregateId: "c", occurredAt: "t", payload: {} })).toBeNull(); // no service, no key
    expect(parseEnvelope({ service: "conference", key: "conference:1", id: "1", type: "a", orgPath: "/01/", aggregateId: "c", occurredAt: "t", payload: {} })?.id).toBe("1");
  });
});
