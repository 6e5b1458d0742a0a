import { describe, expect, it } from "vitest";
import { ancestorMarkedSchema, contract, figuresChangedSchema, INSPECTION_FIGURES_CHANGED, liveEventSchema, realtimeContract, subscribeAckSchema } from "../src/index.js";

describe("the realtime contract", () => {
  it("is exported as `contract` too, with no procedures, one event per socket message and the gateway's derived event types", () => {
    expect(contract).toBe(realtimeContract);
    expect(realtimeContract.procedures).toEqual({});
    expect(Object.keys(realtimeContract.events).sort()).toEqual(
      ["auth:expired", "auth:refresh", "auth:refresh#ack", "connect_error", "event", "inspection.figures.changed", "membership.ancestor.marked", "membership.figures.changed", "personnel.figures.changed", "session", "snapshot-required", "subscribe", "subscribe#ack"],
    );
  });

  it("reads a live event and an ack as the gateway sends them", () => {
    const e = { service: "conference", id: "7", key: "conference:7", type: "conference.created", orgPath: "/01/", aggregateId: "c", occurredAt: "2026-01-01T00:00:00.000Z", payload: {} };
    expect(liveEventSchema.parse(e)).toEqual(e);
    expect(liveEventSchema.safeParse({ ...e, id: "x" }).success).toBe(false);
    expect(subscribeAckSchema.parse({ ok: false, error: { code: "bad_request", message: "m" } }).ok).toBe(false);
    expect(subscribeAckSchema.safeParse({ ok: false, error: { code: "nope", message: "m" } }).success).toBe(false);
  });

  it("reads a figures notice as an `event` whose payload is only an organization path", () => {
    const notice = { service: "inspection", id: "12", key: "inspection:12", type: INSPECTION_FIGURES_CHANGED, orgPath: "/01/01-007/", aggregateId: "/01/01-007/", occurredAt: "2026-01-01T00:00:00.000Z", payload: { orgPath: "/01/01-007/" } };
    expect(liveEventSchema.parse(notice)).toEqual(notice);
    expect(figuresChangedSchema.parse(notice.payload)).toEqual({ orgPath: "/01/01-007/" });
    expect(figuresChangedSchema.safeParse({ orgPath: "01" }).success).toBe(false);
  });

  it("reads a mark above the scope: only the marked organization's path and set or lifted (1.3); the version", () => {
    expect(realtimeContract.version).toBe("1.4");
    expect(ancestorMarkedSchema.parse({ orgPath: "/02/", moving: true })).toEqual({ orgPath: "/02/", moving: true });
    expect(ancestorMarkedSchema.safeParse({ orgPath: "/02/" }).success).toBe(false);
    expect(ancestorMarkedSchema.safeParse({ orgPath: "02", moving: false }).success).toBe(false);
  });
});
