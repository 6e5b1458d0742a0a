// What the dashboard's progress screen reads (contract 1.3): `runs.list` (the plans in the caller's scope with
// their run in a line) and `events.stream` (the outbox, scoped: what realtime relays), over real HTTP against a
// real membership seeded with Hà Giang's and Tuyên Quang's 2024 units. Happy path, bad input naming the field,
// role × scope (a plan outside the scope is not listed; a viewer is refused; no token is 401).
import type { EventEnvelope } from "@orgboard/contracts";
import { consumeEventStream } from "@orgboard/events";
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "./harness.js";
import { CENTRAL, startInProcess, startMembership, type MembershipSide, type RestructuringSide } from "./saga-system.js";

let m: MembershipSide;
let r: RestructuringSide;
let planId: string;
const as = (role: "provincial_board" | "viewer" | "central_board", orgPath: string): MintOptions => ({ sub: `${role}-${orgPath}`, roles: [role], orgPaths: [orgPath] });
const REALTIME: MintOptions = { sub: "service-account-realtime", roles: ["service"], orgPaths: ["/"], azp: "realtime" };

beforeAll(async () => {
  m = await startMembership(["02", "08"]);
  r = await startInProcess(m);
  planId = (await r.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
}, 180_000);
afterAll(async () => {
  await r?.close();
  await m?.close();
});

/** Reads the stream as `claims` until `until` holds (or `waitMs`), then stops. */
async function read(claims: MintOptions, waitMs: number, until: (events: EventEnvelope[]) => boolean = () => false) {
  const events: EventEnvelope[] = [];
  const errors: unknown[] = [];
  const consumer = consumeEventStream({ url: `${r.url}/trpc`, path: "restructuring.events.stream", getToken: () => m.issuer.mint({ audience: "restructuring", ...claims }), onEvent: (e) => void events.push(e), onError: (e) => void errors.push(e) });
  const end = Date.now() + waitMs;
  while (Date.now() < end && !until(events) && errors.length === 0) await new Promise((res) => setTimeout(res, 100));
  await consumer.stop();
  return { events, errors };
}

describe("runs.list", () => {
  it("lists the plan for the central board, with no province before the run", async () => {
    const { runs } = await r.client(CENTRAL).restructuring.runs.list.query({});
    expect(runs).toEqual([{ planId, title: expect.any(String), status: "draft", effectiveOn: "2025-07-01", createdAt: expect.any(String), provinces: { total: 0, done: 0, failed: 0, running: 0 }, part: null }]);
  });

  it("bad input → BAD_REQUEST naming the field", async () => {
    for (const limit of [0, 101, 1.5]) {
      const f = await failure(r.client(CENTRAL).restructuring.runs.list.query({ limit }));
      expect(f.code).toBe("BAD_REQUEST");
      expect(f.fieldErrors.map((e) => e.path)).toEqual(["limit"]);
    }
    const g = await failure(r.client(CENTRAL).restructuring.runs.list.query({ planId } as never));
    expect(g.code).toBe("BAD_REQUEST");
  });

  it("role × scope: before its run, the plan scoped `/` is listed to the boards of its provinces and below them with their new province as part, nothing counted; to no other board; a viewer is refused; no token is 401", async () => {
    // 1.12: the boards of Tuyên Quang (08) and Hà Giang (02, merged into it) and Mèo Vạc's district board (02/027)
    // prepare for the run: they read its part (plans.get) and find it in the picker.
    const part = { planId, status: "draft", provinces: { total: 0, done: 0, failed: 0, running: 0 }, part: ["08"] };
    for (const board of ["/08/", "/02/", "/02/027/"]) {
      expect((await r.client(as("provincial_board", board)).restructuring.runs.list.query({})).runs, board).toEqual([expect.objectContaining(part)]);
      expect((await r.client(as("provincial_board", board)).restructuring.plans.get.query({ planId })).id, board).toBe(planId);
    }
    // Another province's board (Lai Châu, in the plan but with no organization in this membership), a district path
    // naming no organization, a path the plan does not know: nothing, as plans.get answers NOT_FOUND.
    for (const board of ["/12/", "/02/999/", "/99/"]) {
      expect((await r.client(as("provincial_board", board)).restructuring.runs.list.query({})).runs, board).toEqual([]);
      expect((await failure(r.client(as("provincial_board", board)).restructuring.plans.get.query({ planId }))).code, board).toBe("NOT_FOUND");
    }
    for (const claims of [as("viewer", "/"), { sub: "inspector", roles: ["inspection_committee"], orgPaths: ["/"] }, REALTIME]) {
      expect((await failure(r.client(claims).restructuring.runs.list.query({}))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(r.client(null).restructuring.runs.list.query({}))).code).toBe("UNAUTHORIZED");
  });
});

describe("a run, seen through runs.list and events.stream", () => {
  it("the run's provinces by state; the stream carries run.started, each step done and province.done", async () => {
    await r.client(CENTRAL).restructuring.runs.start.mutate({ planId });
    const started = (await r.client(CENTRAL).restructuring.runs.list.query({ limit: 5 })).runs[0]!;
    expect(started).toMatchObject({ planId, status: "running", provinces: { total: 1, done: 0, failed: 0, running: 0 }, part: null });
    // Started (1.10): the boards of its province list the plan with their part only — the new province's, an old
    // province's (Hà Giang, merged into it) and a district's below it; another province's board nothing.
    const part = { planId, status: "running", provinces: { total: 1, done: 0, failed: 0, running: 0 }, part: ["08"] };
    for (const board of ["/08-2025/", "/08/", "/02/", "/02/027/"]) {
      expect((await r.client(as("provincial_board", board)).restructuring.runs.list.query({})).runs, board).toEqual([expect.objectContaining(part)]);
    }
    expect((await r.client(as("provincial_board", "/01/")).restructuring.runs.list.query({})).runs).toEqual([]);

    const view = await r.client(CENTRAL).restructuring.runs.resume.mutate({ planId, provinceCode: "08" });
    expect(view.provinces[0]!.status).toBe("done");
    const done = (await r.client(CENTRAL).restructuring.runs.list.query({})).runs[0]!;
    expect(done.provinces).toEqual({ total: 1, done: 1, failed: 0, running: 0 });
    expect((await r.client(as("provincial_board", "/08-2025/")).restructuring.runs.list.query({})).runs[0]!.provinces).toEqual({ total: 1, done: 1, failed: 0, running: 0 });

    const provinceDone = (es: EventEnvelope[]) => es.some((e) => e.type === "restructuring.province.done");
    // The central board and realtime's service account: the whole run, in order.
    for (const claims of [CENTRAL, REALTIME]) {
      const { events, errors } = await read(claims, 20_000, provinceDone);
      expect(errors).toEqual([]);
      const types = events.map((e) => e.type);
      expect(types.slice(0, 2)).toEqual(["restructuring.plan.loaded", "restructuring.run.started"]);
      expect(types.filter((t) => t === "restructuring.step.done")).toHaveLength(view.provinces[0]!.stepsTotal);
      expect(types.at(-1)).toBe("restructuring.province.done");
      const last = events.at(-1)!;
      expect(last.payload).toEqual({ planId, provinceCode: "08", membersBefore: m.seeded.members, membersAfter: m.seeded.members });
      expect(last.orgPath).toBe("/08-2025/");
      // ids ascend (the gateway's watermark relies on it)
      expect(events.map((e) => BigInt(e.id))).toEqual([...events.map((e) => BigInt(e.id))].sort((a, b) => (a < b ? -1 : 1)));
    }
    // The new province's board: its province's steps, not the plan's national events.
    const own = await read(as("provincial_board", "/08-2025/"), 20_000, provinceDone);
    expect(own.errors).toEqual([]);
    expect(new Set(own.events.map((e) => e.orgPath))).toEqual(new Set(["/08-2025/"]));
    expect(own.events.map((e) => e.type)).toContain("restructuring.province.done");
    // Another province's board: nothing.
    const other = await read(as("provincial_board", "/01/"), 3_000);
    expect(other.errors).toEqual([]);
    expect(other.events).toEqual([]);
  });

  it("the stream refuses a viewer and an official of another service's role", async () => {
    for (const claims of [as("viewer", "/"), { sub: "officer", roles: ["personnel_officer"], orgPaths: ["/"] }]) {
      const { events, errors } = await read(claims, 5_000);
      expect(events).toEqual([]);
      expect(errors.length, claims.sub).toBeGreaterThan(0);
      expect(String((errors[0] as Error).message ?? errors[0])).toMatch(/FORBIDDEN|403|không có quyền|forbidden/i);
    }
  });
});
