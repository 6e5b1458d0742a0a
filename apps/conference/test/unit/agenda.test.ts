import { describe, expect, it } from "vitest";
import { advanceAgenda, closeAgenda, overrunSeconds, type AgendaItemState } from "../../src/domain/index.js";
import { reasonOf } from "./helpers.js";

const t0 = new Date("2024-04-01T07:00:00Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const item = (position: number, over: Partial<AgendaItemState> = {}): AgendaItemState => ({
  id: `i${position}`,
  position,
  kind: "report",
  status: "pending",
  plannedSeconds: 600,
  actualStart: null,
  actualEnd: null,
  ...over,
});

describe("advanceAgenda", () => {
  it("starts the first item when none is running", () => {
    expect(advanceAgenda("in_session", [item(2), item(1)], false, t0)).toEqual({ finished: null, started: { id: "i1", actualStart: t0 } });
  });
  it("finishes the running item with its overrun and starts the next", () => {
    const items = [item(1, { status: "in_progress", actualStart: t0 }), item(2)];
    expect(advanceAgenda("in_session", items, false, at(12.5))).toEqual({
      finished: { id: "i1", actualEnd: at(12.5), overrunSeconds: 150 },
      started: { id: "i2", actualStart: at(12.5) },
    });
  });
  it("finishes the last item with nothing to start, then refuses", () => {
    const last = [item(1, { status: "done" }), item(2, { status: "in_progress", actualStart: t0 })];
    expect(advanceAgenda("in_session", last, false, at(5)).started).toBeNull();
    expect(reasonOf(() => advanceAgenda("in_session", [item(1, { status: "done" })], false, at(5)))).toBe("agenda_complete");
  });
  it("refuses while someone has the floor", () => {
    expect(reasonOf(() => advanceAgenda("in_session", [item(1)], true, t0))).toBe("speaker_has_floor");
  });
  it("refuses outside the session", () => {
    expect(reasonOf(() => advanceAgenda("connecting_sites", [item(1)], false, t0))).toBe("conference_not_in_session");
    expect(reasonOf(() => advanceAgenda("concluded", [item(1)], false, t0))).toBe("conference_not_in_session");
  });
});

describe("overrunSeconds", () => {
  it("is zero when on time or not started, and counts live for a running item", () => {
    expect(overrunSeconds({ plannedSeconds: 600, actualStart: null, actualEnd: null }, at(30))).toBe(0);
    expect(overrunSeconds({ plannedSeconds: 600, actualStart: t0, actualEnd: at(9) }, at(30))).toBe(0);
    expect(overrunSeconds({ plannedSeconds: 600, actualStart: t0, actualEnd: null }, at(11))).toBe(60);
  });
});

describe("closeAgenda", () => {
  it("finishes the running item and skips the rest", () => {
    const items = [item(1, { status: "done" }), item(2, { status: "in_progress", actualStart: t0 }), item(3), item(4)];
    expect(closeAgenda(items, at(3))).toEqual({ finishedId: "i2", skippedIds: ["i3", "i4"], actualEnd: at(3) });
  });
});
