// Diagnostics: where does time go between a site's send and the stream? (not part of `pnpm bench`)
import { createTestIssuer } from "@orgboard/auth/testing";
import { consumeEventStream } from "@orgboard/events";
import { createTRPCUntypedClient, httpLink } from "@trpc/client";
import { startTestPostgres } from "../test/support/postgres.js";
import { startProbeService } from "../test/support/probe-service.js";

const now = () => performance.timeOrigin + performance.now();
const issuer = await createTestIssuer({ audience: "realtime" });
const db = process.env.USE_PG ? await startTestPostgres() : null;
const svc = await startProbeService({ name: "conference", port: 0, issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, ...(db ? { databaseUrl: db.url } : {}) });
const token = await issuer.mintService("bench", { audience: ["conference"], expiresIn: 3600 });
const client = createTRPCUntypedClient({ links: [httpLink({ url: svc.trpcUrl, headers: { authorization: `Bearer ${token}` } })] });
const stream: number[] = [];
const ac = new AbortController();
const c = consumeEventStream({
  url: svc.trpcUrl,
  path: "conference.events.stream",
  getToken: () => token,
  signal: ac.signal,
  onEvent: (e) => {
    stream.push(now() - (e.payload as { sentAt: number }).sentAt);
  },
});
const rtt: number[] = [];
const pending: Promise<unknown>[] = [];
for (let i = 0; i < Number(process.env.N ?? 280); i++) {
  const t = now();
  pending.push(client.mutation("conference.emit", { events: [{ type: "conference.x", orgPath: "/01/", aggregateId: "a", payload: { sentAt: t } }] }).then(() => rtt.push(now() - t)));
  await new Promise((r) => setTimeout(r, Number(process.env.GAP ?? 14)));
}
await Promise.all(pending);
await new Promise((r) => setTimeout(r, 2000));
const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * a.length)]!.toFixed(1);
console.log("mutation rtt p50", q(rtt, 0.5), "p99", q(rtt, 0.99), "| stream lag p50", q(stream, 0.5), "p99", q(stream, 0.99), "n", stream.length);
ac.abort();
await c.stop();
await svc.stop();
await db?.close();
await issuer.close();
process.exit(0);
