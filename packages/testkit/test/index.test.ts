import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, until, waitForUrl } from "../src/index.js";

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

describe("freePort", () => {
  it("returns a port that can be bound", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const srv = createServer((_req, res) => res.end("ok"));
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(port, "127.0.0.1", r));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });
});

describe("waitForUrl", () => {
  it("waits until the server answers", async () => {
    const port = await freePort();
    const srv = createServer((_req, res) => res.end("ok"));
    servers.push(srv);
    setTimeout(() => srv.listen(port, "127.0.0.1"), 300);
    await waitForUrl(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000, intervalMs: 50 });
  });
  it("fails naming the server when nothing answers in time", async () => {
    const url = `http://127.0.0.1:${await freePort()}/`;
    await expect(waitForUrl(url, { name: "identity", hint: "; see identity.log", timeoutMs: 300, intervalMs: 50 })).rejects.toThrow(
      `identity did not answer ${url} within 300 ms; see identity.log`,
    );
  });
  it("stops at once when the serving process exits", async () => {
    const child = spawn(process.execPath, ["-e", "process.exit(3)"]);
    await new Promise((r) => child.once("exit", r));
    await expect(waitForUrl(`http://127.0.0.1:${await freePort()}/`, { process: child, name: "gateway" })).rejects.toThrow("gateway exited with 3");
  });
});

describe("until", () => {
  it("resolves when the condition holds and names what timed out", async () => {
    let n = 0;
    const t = setInterval(() => (n += 1), 10);
    await until(() => n >= 3, 5000);
    clearInterval(t);
    await expect(until(() => false, 50, "nothing")).rejects.toThrow("timed out after 50 ms waiting for nothing");
  });
});
