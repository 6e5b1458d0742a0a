import type { EventEnvelope } from "@orgboard/contracts";
import { until } from "@orgboard/testkit";
import { describe, expect, it } from "vitest";
import type { CheckpointStore } from "../../src/checkpoint.js";
import { ServiceConsumer, type StreamSource } from "../../src/consumer.js";
import { LocalLeases } from "../../src/lease.js";

class MemoryCheckpoints implements CheckpointStore {
  saved = new Map<string, string>();
  writes = 0;
  load(s: string) {
    return Promise.resolve(this.saved.get(s) ?? null);
  }
  async save(s: string, id: string) {
    this.writes += 1;
    await new Promise((r) => setTimeout(r, 5)); // a slow disk: saves must coalesce, never reorder
    this.saved.set(s, id);
  }
}

const env = (id: string, orgPath = "/01/"): EventEnvelope => ({ id, type: "probe.x", orgPath, aggregateId: "a", occurredAt: "2026-01-01T00:00:00.000Z", payload: null });

/** A stream that replays from `fromId` over a fixed list, then ends (like a service going away). */
function listSource(events: unknown[], calls: (string | null)[]): StreamSource {
  return async ({ fromId, signal, onEvent }) => {
    calls.push(fromId);
    for (const e of events) {
      if (signal.aborted) return;
      await onEvent(e);
    }
    await new Promise((r) => setTimeout(r, 20));
  };
}

describe("ServiceConsumer", () => {
  it("pushes each id once even when the stream replays, and checkpoints the last one", async () => {
    const pushed: string[] = [];
    const checkpoints = new MemoryCheckpoints();
    const calls: (string | null)[] = [];
    const events = [env("1"), env("2"), env("2"), env("3"), env("1"), env("4")];
    const c = new ServiceConsumer({ service: "probe", source: listSource(events, calls), checkpoints, leases: new LocalLeases(), publish: (_s, e) => pushed.push(e.id), retryMinMs: 10 });
    c.start();
    await until(() => calls.length >= 2, 15_000, "a second stream attempt");
    await c.stop();
    expect(pushed).toEqual(["1", "2", "3", "4"]);
    expect(calls[0]).toBeNull();
    expect(calls[1]).toBe("4"); // resumed after the last pushed id
    expect(checkpoints.saved.get("probe")).toBe("4");
    expect(checkpoints.writes).toBeLessThanOrEqual(4);
  });

  it("resumes after the stored checkpoint and skips a malformed event without stalling", async () => {
    const pushed: string[] = [];
    const checkpoints = new MemoryCheckpoints();
    checkpoints.saved.set("probe", "10");
    const calls: (string | null)[] = [];
    const events = [env("9"), { id: "11", type: "probe.x", orgPath: "not-a-path" }, env("12", "/02/")];
    const c = new ServiceConsumer({ service: "probe", source: listSource(events, calls), checkpoints, leases: new LocalLeases(), publish: (_s, e) => pushed.push(e.id), retryMinMs: 10 });
    c.start();
    await until(() => pushed.length === 1, 15_000, "event 12");
    await c.stop();
    expect(calls[0]).toBe("10");
    expect(pushed).toEqual(["12"]);
    expect(checkpoints.saved.get("probe")).toBe("12");
  });
});
