import { describe, expect, it } from "vitest";
import {
  assertCanAddConclusion,
  assertCanConclude,
  assertCanEndSpeech,
  assertCanGiveFloor,
  assertCanRegister,
  assertCanWithdraw,
  queueOrder,
  type SpeakRequestState,
  type SpeakingSite,
} from "../../src/domain/index.js";
import { reasonOf } from "./helpers.js";

const now = new Date("2024-04-01T07:00:00Z");
const ready: SpeakingSite = { checkedInAt: now, linkState: "connected" };
const req = (sequence: number, status: SpeakRequestState["status"] = "queued", siteId = `s${sequence}`): SpeakRequestState => ({
  id: `r${sequence}`,
  siteId,
  status,
  sequence,
});

describe("registering to speak", () => {
  it("a checked-in site registers once", () => {
    expect(reasonOf(() => assertCanRegister("in_session", ready, undefined))).toBeUndefined();
    expect(reasonOf(() => assertCanRegister("connecting_sites", ready, undefined))).toBeUndefined();
    expect(reasonOf(() => assertCanRegister("in_session", ready, req(1)))).toBe("already_registered");
    expect(reasonOf(() => assertCanRegister("in_session", ready, req(1, "speaking")))).toBe("already_registered");
  });
  it("refuses a site that has not checked in, and closed conferences", () => {
    expect(reasonOf(() => assertCanRegister("in_session", { ...ready, checkedInAt: null }, undefined))).toBe("not_checked_in");
    expect(reasonOf(() => assertCanRegister("concluded", ready, undefined))).toBe("conference_not_live");
    expect(reasonOf(() => assertCanRegister("scheduled", ready, undefined))).toBe("conference_not_live");
  });
  it("only a queued request can be withdrawn", () => {
    expect(reasonOf(() => assertCanWithdraw("in_session", req(1)))).toBeUndefined();
    expect(reasonOf(() => assertCanWithdraw("in_session", req(1, "speaking")))).toBe("not_queued");
    expect(reasonOf(() => assertCanWithdraw("in_session", req(1, "done")))).toBe("not_queued");
  });
});

describe("the queue", () => {
  it("is ordered by registration and holds only queued requests", () => {
    const order = queueOrder([req(3), req(1, "done"), req(2), req(4, "withdrawn"), req(5, "speaking")]);
    expect(order.map((r) => r.id)).toEqual(["r2", "r3"]);
  });
});

describe("giving the floor", () => {
  it("gives the floor during a discussion item to a queued, linked site", () => {
    expect(reasonOf(() => assertCanGiveFloor("in_session", "discussion", undefined, req(1), ready))).toBeUndefined();
    expect(reasonOf(() => assertCanGiveFloor("in_session", "discussion", undefined, req(1), { ...ready, linkState: "degraded" }))).toBeUndefined();
  });
  it("a disconnected site cannot take the floor", () => {
    expect(reasonOf(() => assertCanGiveFloor("in_session", "discussion", undefined, req(1), { ...ready, linkState: "disconnected" }))).toBe("site_disconnected");
  });
  it("one speaker at a time", () => {
    expect(reasonOf(() => assertCanGiveFloor("in_session", "discussion", req(9, "speaking"), req(1), ready))).toBe("speaker_has_floor");
  });
  it("only during a discussion item and in session", () => {
    expect(reasonOf(() => assertCanGiveFloor("in_session", "report", undefined, req(1), ready))).toBe("not_discussion");
    expect(reasonOf(() => assertCanGiveFloor("in_session", undefined, undefined, req(1), ready))).toBe("not_discussion");
    expect(reasonOf(() => assertCanGiveFloor("connecting_sites", "discussion", undefined, req(1), ready))).toBe("conference_not_in_session");
  });
  it("refuses a withdrawn or finished request", () => {
    expect(reasonOf(() => assertCanGiveFloor("in_session", "discussion", undefined, req(1, "withdrawn"), ready))).toBe("not_queued");
    expect(reasonOf(() => assertCanGiveFloor("in_session", "discussion", undefined, req(1, "done"), ready))).toBe("not_queued");
  });
});

describe("ending a speech, conclusions, concluding", () => {
  it("ending needs a speaker", () => {
    expect(assertCanEndSpeech("in_session", req(1, "speaking")).id).toBe("r1");
    expect(reasonOf(() => assertCanEndSpeech("in_session", undefined))).toBe("no_speaker");
  });
  it("conclusions only in session", () => {
    expect(reasonOf(() => assertCanAddConclusion("in_session"))).toBeUndefined();
    expect(reasonOf(() => assertCanAddConclusion("concluded"))).toBe("conference_not_in_session");
  });
  it("concluding needs an open session and nobody on the floor", () => {
    expect(reasonOf(() => assertCanConclude("in_session", undefined))).toBeUndefined();
    expect(reasonOf(() => assertCanConclude("in_session", req(1, "speaking")))).toBe("speaker_has_floor");
    expect(reasonOf(() => assertCanConclude("connecting_sites", undefined))).toBe("illegal_transition");
    expect(reasonOf(() => assertCanConclude("concluded", undefined))).toBe("illegal_transition");
  });
});
