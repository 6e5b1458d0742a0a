import { afterEach, describe, expect, it } from "vitest";
import { SessionLog } from "../../src/session-log.js";

const opts = (rooms: string[], except: string[] = []) => ({ rooms: new Set(rooms), except: new Set(except) });
const logs: SessionLog[] = [];
function log(o: ConstructorParameters<typeof SessionLog>[0]) {
  const l = new SessionLog(o);
  logs.push(l);
  return l;
}
afterEach(() => {
  for (const l of logs.splice(0)) l.close();
});

describe("SessionLog", () => {
  it("restores a session with the packets after its offset that its rooms would have received", () => {
    const l = log({ maxDisconnectionMs: 60_000 });
    l.record("o1", ["event", { n: 1 }, "o1"], opts(["*@/01/"]));
    l.persist({ sid: "s", pid: "p", rooms: ["s", "*@/01/"], data: { x: 1 } });
    l.record("o2", ["event", { n: 2 }, "o2"], opts(["*@/02/"]));
    l.record("o3", ["event", { n: 3 }, "o3"], opts(["*@/", "*@/01/"]));
    l.record("o4", ["event", { n: 4 }, "o4"], opts([], ["*@/01/"]));
    l.record("o5", ["event", { n: 5 }, "o5"], opts([]));
    const s = l.restore("p", "o1");
    expect(s).toMatchObject({ sid: "s", pid: "p", data: { x: 1 } });
    expect(s!.missedPackets.map((p) => (p[1] as { n: number }).n)).toEqual([3, 5]);
    expect(l.restore("p", "o1")).toBeNull(); // used once
  });

  it("refuses unknown sessions, dropped offsets, expired windows and unrestorable sessions", () => {
    const l = log({ maxDisconnectionMs: 60_000, maxPackets: 2, isRestorable: (s) => (s.data as { ok: boolean }).ok });
    l.record("o1", ["e", "o1"], opts(["r"]));
    l.record("o2", ["e", "o2"], opts(["r"]));
    l.record("o3", ["e", "o3"], opts(["r"])); // o1 falls out of the capped log
    expect(l.packetCount).toBe(2);
    l.persist({ sid: "a", pid: "a", rooms: ["r"], data: { ok: true } });
    expect(l.restore("a", "o1")).toBeNull();
    l.persist({ sid: "b", pid: "b", rooms: ["r"], data: { ok: false } });
    expect(l.restore("b", "o2")).toBeNull();
    expect(l.restore("nobody", "o2")).toBeNull();
    l.persist({ sid: "c", pid: "c", rooms: ["r"], data: { ok: true } });
    expect(l.restore("c", "o2")!.missedPackets).toEqual([["e", "o3"]]);

    const short = log({ maxDisconnectionMs: 1 });
    short.record("x", ["e", "x"], opts(["r"]));
    short.persist({ sid: "d", pid: "d", rooms: ["r"], data: {} });
    const until = Date.now() + 5;
    while (Date.now() < until) {
      /* let the 1 ms window pass */
    }
    expect(short.restore("d", "x")).toBeNull();
  });
});
