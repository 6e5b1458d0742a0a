// Realtime's socket limits (#9; docs/security.md "Limits"), configured from the environment as main.ts does,
// over real WebSockets: open sockets per principal and per client address (behind one proxy, the address
// X-Forwarded-For vouches for), and messages per socket and minute.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { SUBSCRIBE, type SubscribeAck } from "@orgboard/contract-realtime";
import { until } from "@orgboard/testkit";
import { io as ioClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeServer } from "../src/server.js";
import { connectClient, expectRefused, type TestClient } from "./support/clients.js";
import { inProcessRealtime } from "./support/servers.js";

let issuer: TestIssuer;
let realtime: RealtimeServer;
let url: string;
const open: TestClient[] = [];

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "realtime" });
  realtime = inProcessRealtime(
    issuer,
    { REALTIME_MAX_SOCKETS_PER_PRINCIPAL: "2", REALTIME_MAX_SOCKETS_PER_ADDRESS: "3", REALTIME_MESSAGES_PER_MINUTE: "5", RATE_LIMIT_PROXY_HOPS: "1", DATA_DIR: mkdtempSync(join(tmpdir(), "realtime-limits-")) },
    [],
  );
  ({ url } = await realtime.start({ handleSignals: false, consume: false }));
});
afterAll(async () => {
  for (const c of open) c.close();
  await realtime?.stop();
  await issuer?.close();
});

const tokenOf = (sub: string) => issuer.mint({ sub, orgPaths: ["/01/"], roles: ["provincial_board"], audience: "realtime" });
/** A socket of `sub` from `address` (the proxy's X-Forwarded-For); no reconnection, so a cut socket stays cut. */
async function connect(sub: string, address: string): Promise<TestClient> {
  const c = await connectClient(url, { token: await tokenOf(sub), headers: { "x-forwarded-for": address } });
  c.socket.io.opts.reconnection = false;
  open.push(c);
  return c;
}
const refused = async (sub: string, address: string) => expectRefused(url, { token: await tokenOf(sub) }, { "x-forwarded-for": address });

describe("sockets per principal", () => {
  it("refuses one socket more than the limit, Vietnamese first, and takes one again once a socket closes", async () => {
    const first = await connect("alice", "10.1.0.1");
    await connect("alice", "10.1.0.2");
    const third = await refused("alice", "10.1.0.3");
    expect(third.data?.code).toBe("forbidden");
    expect(third.message).toMatch(/^Tài khoản đã mở quá nhiều kết nối \(tối đa 2\).* \/ Too many sockets for this account \(at most 2\)/);
    // Another official is not affected.
    await connect("bob", "10.1.0.3");

    first.close();
    // The server frees the slot when it sees the disconnect: one attempt after another until one connects.
    let outcome = "refused";
    for (let i = 0; i < 50 && outcome !== "connected"; i++) {
      outcome = await attempt("alice", "10.1.0.4");
      if (outcome !== "connected") await new Promise((r) => setTimeout(r, 50));
    }
    expect(outcome).toBe("connected");
  });
});

/** One handshake without reconnection: "connected" (then closed) or the refusal's code. */
async function attempt(sub: string, address: string): Promise<string> {
  const token = await tokenOf(sub);
  return new Promise((resolve) => {
    const socket = ioClient(url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { token }, extraHeaders: { "x-forwarded-for": address } });
    socket.on("connect", () => {
      socket.disconnect();
      resolve("connected");
    });
    socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      resolve(err.data?.code ?? err.message);
    });
  });
}

describe("sockets per address", () => {
  it("counts every socket from one address, the address the proxy saw (not what the client prepends)", async () => {
    for (const sub of ["c1", "c2", "c3"]) await connect(sub, "10.2.0.1");
    const fourth = await refused("c4", "10.2.0.1");
    expect(fourth.data?.code).toBe("forbidden");
    expect(fourth.message).toContain("Too many sockets from one address (at most 3)");
    // A client claiming another address in front of the proxy's entry is still counted at the proxy's.
    expect((await refused("c4", "203.0.113.7, 10.2.0.1")).data?.code).toBe("forbidden");
    // From another address the same official connects.
    await connect("c4", "10.2.0.2");
  });
});

describe("messages per socket", () => {
  it("answers up to the limit per minute, then cuts the socket", async () => {
    const c = await connect("dan", "10.3.0.1");
    const subscribe = () => c.socket.timeout(2000).emitWithAck(SUBSCRIBE, { topics: ["*"] }) as Promise<SubscribeAck>;
    for (let i = 0; i < 5; i++) expect((await subscribe()).ok).toBe(true);
    await expect(subscribe()).rejects.toThrow();
    await until(() => c.disconnects.includes("io server disconnect"), 20_000, "the socket cut by the server");
    // The cut socket's slots are free again.
    await connect("dan", "10.3.0.1");
  });
});
