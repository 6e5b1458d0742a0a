// The baseline: a bare socket.io server (default options, in-memory adapter, no auth, no stream, no
// recovery) that broadcasts each event it is POSTed to the same rooms the gateway would use, so both
// deliver exactly the same messages to the same sockets.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { ancestorPaths } from "../src/rooms.js";

const http = createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/emit") {
    res.writeHead(404).end();
    return;
  }
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    const { events } = JSON.parse(body) as { events: { orgPath: string }[] };
    for (const e of events) io.to(ancestorPaths(e.orgPath)).emit("event", e);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
const io = new Server(http, { serveClient: false });
io.on("connection", (socket) => {
  const orgPath = socket.handshake.query.orgPath;
  if (typeof orgPath === "string") void socket.join(orgPath);
});
http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.send?.({ ready: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
});
process.on("SIGTERM", () => process.exit(0));
