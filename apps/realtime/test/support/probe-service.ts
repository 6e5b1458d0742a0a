/**
 * A real, small event-producing service for tests and the benchmark, built like every orgboard service:
 * server-kit (Hono + tRPC, auth, health) + @orgboard/events (outbox in the transaction, resumable
 * `<name>.events.stream`) over PGlite (in memory, or in a directory so it survives a restart).
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createTokenVerifier, definePolicy } from "@orgboard/auth";
import { orgPathSchema } from "@orgboard/contracts";
import { asRawSql, createEventStreamProcedure, OUTBOX_DDL, openServiceNotifier, recordChange, type RawSqlClient, type ServiceNotifier } from "@orgboard/events";
import { createOutboxTables, pgliteClient } from "@orgboard/events/testing";
import { createLogger, createService, createTRPC, type Logger } from "@orgboard/server-kit";
import pg from "pg";
import { z } from "zod";
import { STREAM_ACCESS } from "../../src/access.js";

const PGLITE_VERSION = "0.5.14";

export interface ProbeServiceOptions {
  /** Router key, stream path prefix and token audience (e.g. "probe", or "conference" in the bench). */
  name?: string;
  dataDir?: string;
  /** A PostgreSQL server instead of PGlite (the production setup). */
  databaseUrl?: string;
  port: number;
  issuer: string;
  jwksUrl: string;
  logger?: Logger;
}

export interface ProbeService {
  url: string;
  trpcUrl: string;
  stop(): Promise<void>;
}

export async function startProbeService(opts: ProbeServiceOptions): Promise<ProbeService> {
  const name = opts.name ?? "probe";
  definePolicy({
    // Playing a real service (bench, tests), the probe's stream is read by that service's contract row,
    // as the gateway in the same process registers it; otherwise by service accounts only.
    [`${name}.events.read`]: STREAM_ACCESS[name]?.readers ?? { roles: ["service"], scoped: false },
    [`${name}.events.emit`]: { roles: ["service", "site_operator"], scoped: true },
  });
  const store = opts.databaseUrl ? await pgStore(opts.databaseUrl) : await pgliteStore(opts.dataDir);
  const { db, notifier } = store;
  const { router, authedProcedure } = createTRPC();

  const emitInput = z.object({
    events: z
      .array(z.object({ type: z.string().min(3), orgPath: orgPathSchema, aggregateId: z.string().min(1), payload: z.unknown() }))
      .min(1)
      .max(5000),
  });
  const inner = router({
    events: router({ stream: createEventStreamProcedure(authedProcedure(`${name}.events.read`), { db, notifier, batchSize: 500 }) }),
    emit: authedProcedure(`${name}.events.emit`)
      .input(emitInput)
      .mutation(async ({ ctx, input }) => {
        for (const e of input.events) ctx.assertCan({ orgPath: e.orgPath });
        const ids = await db.$transaction(async (tx) => {
          const out: string[] = [];
          for (const e of input.events) {
            const r = await recordChange(
              tx,
              { actor: ctx.principal.subject, action: `${name}.events.emit`, entity: "Probe", entityId: e.aggregateId, orgPath: e.orgPath },
              { type: e.type, payload: e.payload ?? null, aggregateId: e.aggregateId },
            );
            out.push(r.eventId ?? "");
          }
          return out;
        });
        return { ids };
      }),
  });
  const appRouter = router({ [name]: inner });

  const service = createService({
    name,
    router: appRouter,
    verifier: createTokenVerifier({ issuer: opts.issuer, audience: name, jwksUrl: opts.jwksUrl }),
    readiness: async () => {
      await db.$queryRawUnsafe("SELECT 1");
    },
    port: opts.port,
    logger: opts.logger ?? createLogger({ name, level: "silent" }),
    // The bench emits thousands of events a minute as one service account: a load source, not a caller
    // whose rate is under test (docs/security.md, "Limits").
    rateLimits: false,
    onClose: () => store.close(),
  });
  const { url } = await service.start({ handleSignals: false });
  return { url, trpcUrl: `${url}/trpc`, stop: () => service.stop() };
}

interface Store {
  db: RawSqlClient & { $transaction<T>(fn: (tx: RawSqlClient) => Promise<T>): Promise<T> };
  notifier: ServiceNotifier;
  close(): Promise<void>;
}

async function pgliteStore(dataDir: string | undefined): Promise<Store> {
  if (dataDir && !existsSync(dataDir)) await freshDataDir(dataDir);
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await createOutboxTables(pglite);
  const notifier = await openServiceNotifier({ pglite });
  return {
    db: pgliteClient(pglite),
    notifier,
    close: async () => {
      await notifier.close();
      await pglite.close();
    },
  };
}

async function pgStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A database going away must fail requests (and readiness), not crash the process.
  pool.on("error", () => undefined);
  await pool.query(OUTBOX_DDL);
  const notifier = await openServiceNotifier({ databaseUrl: url });
  return {
    db: {
      ...asRawSql(pool),
      async $transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const out = await fn(asRawSql(client));
          await client.query("COMMIT");
          return out;
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      },
    },
    notifier,
    close: async () => {
      await notifier.close();
      await pool.end();
    },
  };
}

/**
 * A fresh PGlite data directory at `target`, copied from a template made once per machine: creating a
 * PGlite cluster costs seconds (initdb in WebAssembly), copying one costs milliseconds. The template is
 * named after the tables' DDL too: a template left by an older schema (e.g. before the audit chain's
 * columns) is never reused.
 */
export async function freshDataDir(target: string): Promise<string> {
  const schema = createHash("sha256").update(OUTBOX_DDL).digest("hex").slice(0, 12);
  const template = join(tmpdir(), `orgboard-realtime-pglite-template-${PGLITE_VERSION}-${schema}`);
  if (!existsSync(join(template, "READY"))) {
    const building = `${template}.${process.pid}.${Date.now()}`;
    const db = new PGlite(building);
    await createOutboxTables(db);
    await db.close();
    writeFileSync(join(building, "READY"), "");
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another process won the race
    }
  }
  cpSync(template, target, { recursive: true });
  return target;
}
