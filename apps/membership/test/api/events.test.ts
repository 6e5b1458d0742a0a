// membership.events.stream: the outbox as a resumable, scoped SSE stream.
import { until } from "@orgboard/testkit";
import { describe, expect, it } from "vitest";
import { TREE } from "./fixtures.js";
import { CENTRAL, as, board, treeSuite, type Client } from "./harness.js";

const suite = treeSuite();

interface Received {
  id: string;
  type: string;
  orgPath: string;
  payload: Record<string, unknown>;
}

function collect(client: Client, lastEventId: string | null) {
  const received: Received[] = [];
  const errors: { data?: { code?: string; fieldErrors?: { path: string }[] } }[] = [];
  const sub = client.membership.events.stream.subscribe(lastEventId ? { lastEventId } : {}, {
    onData: (e) => received.push({ ...(e.data as Omit<Received, "id">), id: e.id }),
    onError: (err) => errors.push(err as never),
  });
  return { received, errors, stop: () => sub.unsubscribe() };
}

const target = (orgPath: string, year: number, n: number) => suite.h.client(CENTRAL).membership.targets.set.mutate({ orgPath, year, admissionsPlan: n });

describe("events.stream", () => {
  it("delivers committed changes in id order, live, and resumes after a given id", async () => {
    const central = collect(suite.h.client(CENTRAL), null);
    await target(TREE.g1, 2026, 1);
    await target(TREE.g2, 2026, 2);
    await target(TREE.k1, 2026, 3);
    await until(() => central.received.length >= 3);
    central.stop();
    const ids = central.received.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(central.received.map((e) => [e.type, e.orgPath, e.payload.admissions])).toEqual([
      ["membership.target.set", TREE.g1, 1],
      ["membership.target.set", TREE.g2, 2],
      ["membership.target.set", TREE.k1, 3],
    ]);
    const resumed = collect(suite.h.client(as("service", "/")), central.received[1]!.id);
    await until(() => resumed.received.length >= 1);
    resumed.stop();
    expect(resumed.received[0]!.id).toBe(central.received[2]!.id);
  });
  it("names a bad lastEventId", async () => {
    const bad = collect(suite.h.client(CENTRAL), "abc");
    await until(() => bad.errors.length > 0);
    bad.stop();
    expect(bad.errors[0]!.data?.code).toBe("BAD_REQUEST");
    expect(bad.errors[0]!.data?.fieldErrors?.map((f) => f.path)).toContain("lastEventId");
  });
  it("needs a token and a stream role; a province receives only its own events", async () => {
    const anonymous = collect(suite.h.client(null), null);
    const viewer = collect(suite.h.client(as("viewer", TREE.p1)), null);
    await until(() => anonymous.errors.length > 0 && viewer.errors.length > 0);
    anonymous.stop();
    viewer.stop();
    expect(anonymous.errors[0]!.data?.code).toBe("UNAUTHORIZED");
    expect(viewer.errors[0]!.data?.code).toBe("FORBIDDEN");

    const { rows } = await suite.h.db.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM outbox_event`);
    const hanoi = collect(suite.h.client(board(TREE.p1)), rows[0]!.id);
    const hagiang = collect(suite.h.client(board(TREE.p2)), rows[0]!.id);
    await target(TREE.g2, 2027, 5);
    await target(TREE.c1, 2027, 6);
    await until(() => hanoi.received.length >= 1 && hagiang.received.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    hanoi.stop();
    hagiang.stop();
    expect(hanoi.received.map((e) => e.orgPath)).toEqual([TREE.c1]);
    expect(hagiang.received.map((e) => e.orgPath)).toEqual([TREE.g2]);
  });
});
