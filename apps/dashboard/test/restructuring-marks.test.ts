// Which socket events reload a "đang sắp xếp" notice (state/restructuring-marks.ts markRefresh).
import { describe, expect, it } from "vitest";
import type { EventEnvelope } from "../src/state/envelope.js";
import { markRefresh } from "../src/state/restructuring-marks.js";

const ev = (id: string, type: string, orgPath: string, service = "membership"): EventEnvelope => ({
  service,
  id,
  type,
  orgPath,
  aggregateId: "1",
  occurredAt: "2025-07-01T00:00:00Z",
  payload: {},
});
const marked = (id: string, orgPath: string) => ev(id, "membership.organization.marked", orgPath);

describe("markRefresh: mark events for the shown unit's subtree reload its notice", () => {
  it("a mark inside the shown subtree, or on an ancestor of the unit, reloads; another province's does not", () => {
    expect(markRefresh({}, "/01/", [marked("5", "/01/")]).refresh).toBe(true);
    expect(markRefresh({}, "/01/", [marked("5", "/01/01-G1/")]).refresh).toBe(true);
    // A district's panel: its province marked covers it.
    expect(markRefresh({}, "/01/01-G1/", [marked("5", "/01/")]).refresh).toBe(true);
    expect(markRefresh({}, "/01/", [marked("5", "/02/")]).refresh).toBe(false);
    // Prefix on segments, not characters: /010/ is not under /01/.
    expect(markRefresh({}, "/01/", [marked("5", "/010/")]).refresh).toBe(false);
    // The whole country: every mark.
    expect(markRefresh({}, "/", [marked("5", "/79/")]).refresh).toBe(true);
  });

  it("a restructuring step's event reloads too (a committee created already marked); other events do not", () => {
    expect(markRefresh({}, "/08-2025/", [ev("7", "membership.organizations.restructured", "/08-2025/")]).refresh).toBe(true);
    expect(markRefresh({}, "/01/", [ev("7", "membership.admission.approved", "/01/")]).refresh).toBe(false);
    // Another service's event of the same name is not membership's.
    expect(markRefresh({}, "/01/", [ev("7", "membership.organization.marked", "/01/", "conference")]).refresh).toBe(false);
  });

  it("the gateway's notice of a mark above the official's scope (a district's board) reloads its notice", () => {
    expect(markRefresh({}, "/01/01-G1/", [ev("9", "membership.ancestor.marked", "/01/")]).refresh).toBe(true);
    expect(markRefresh({}, "/01/01-G1/", [ev("9", "membership.ancestor.marked", "/02/")]).refresh).toBe(false);
  });

  it("a viewer's or an officer's figures notice (all they get of membership) reloads for the subtree", () => {
    expect(markRefresh({}, "/01/", [ev("10", "membership.figures.changed", "/01/01-G1/")]).refresh).toBe(true);
    expect(markRefresh({}, "/01/", [ev("10", "membership.figures.changed", "/02/")]).refresh).toBe(false);
  });

  it("a replay (same id, socket recovery) asks for nothing", () => {
    const first = markRefresh({}, "/01/", [marked("5", "/01/")]);
    expect(first.marks).toEqual({ membership: "5" });
    expect(markRefresh(first.marks, "/01/", [marked("5", "/01/")]).refresh).toBe(false);
    expect(markRefresh(first.marks, "/01/", [marked("4", "/01/")]).refresh).toBe(false);
    expect(markRefresh(first.marks, "/01/", [marked("6", "/01/")])).toEqual({ marks: { membership: "6" }, refresh: true });
  });
});
