import { describe, expect, it } from "vitest";
import { contract, liveEventSchema, realtimeContract, subscribeAckSchema } from "../src/index.js";

describe("the realtime contract", () => {
  it("is exported as `contract` too, with no procedures and one event per socket message", () => {
    expect(contract).toBe(realtimeContract);
    expect(realtimeContract.procedures).toEqual({});
    expect(Object.keys(realtimeContract.events).sort()).toEqual(
      ["auth:expired", "auth:refresh", "auth:refresh#ack", "connect_error", "event", "session", "snapshot-required", "subscribe", "subscribe#ack"],
    );
  });

  it("reads a live event and an ack as the gateway sends them", () => {
    const e = { service: "conference", id: "7", key: "conference:7", type: "conference.created", orgPath: "/01/", aggregateId: "c", occurredAt: "2026-01-01T00:00:00.000Z", payload: {} };
    expect(liveEventSchema.parse(e)).toEqual(e);
    expect(liveEventSchema.safeParse({ ...e, id: "x" }).success).toBe(false);
    expect(subscribeAckSchema.parse({ ok: false, error: { code: "bad_request", message: "m" } }).ok).toBe(false);
    expect(subscribeAckSchema.safeParse({ ok: false, error: { code: "nope", message: "m" } }).success).toBe(false);
  });
});
