// The small SQL surface the bulk paths (import, export, seed, report) need: parameterised queries,
// COPY FROM for bulk loads, and a transaction holding one connection. Two backends: a `pg` pool
// (PostgreSQL, DATABASE_URL) and an in-process PGlite (embedded default), so the same code runs on both.
// The pool / PGlite instance come from @orgboard/db (see open.ts); this file only wraps them.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg, { type Pool, type PoolClient } from "pg";
import { types as pgliteTypes, type PGlite, type Transaction } from "@electric-sql/pglite";
import { from as copyFromStream } from "pg-copy-streams";

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * Rows fed to COPY ... FROM STDIN, already encoded in PostgreSQL's text format (see copyLine): lines, or
 * chunks of whole lines as text or UTF-8 bytes (a producer that encodes its rows into buffers keeps them
 * off the JS heap).
 */
export type CopyChunk = string | Uint8Array;
export type CopySource = AsyncIterable<CopyChunk> | Iterable<CopyChunk>;

export interface Sql {
  readonly dialect: "postgres" | "pglite";
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a multi-statement script (no parameters). */
  exec(text: string): Promise<void>;
  /**
   * `COPY <target> FROM STDIN` with the given text-format lines. `target` is e.g.
   * `member (id, full_name)`. Returns the number of rows copied.
   */
  copyFrom(target: string, lines: CopySource): Promise<number>;
  /** Runs fn in one transaction on one connection; nested calls reuse the outer transaction. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface Database extends Sql {
  close(): Promise<void>;
  /**
   * PostgreSQL only: one COPY per target, each on its own new connection, fed concurrently (bulk loads
   * outside a transaction, e.g. the seed). Undefined on PGlite (one connection).
   */
  openCopySinks?(targets: readonly string[]): Promise<CopySink[]>;
}

/** A COPY ... FROM STDIN in progress: write lines (awaiting backpressure), then end() for the row count. */
export interface CopySink {
  write(line: string): Promise<void> | void;
  end(): Promise<number>;
}

const COPY_BATCH_BYTES = 8 * 1024 * 1024;

/** Escapes one value for PostgreSQL's COPY text format; null → \N. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "string") return String(value);
  // Only backslash, tab, newline and carriage return need escaping in text format.
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** One COPY text-format line (with the trailing newline). */
export function copyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += "\t";
    out += copyValue(values[i]);
  }
  return out + "\n";
}

async function* batches(lines: CopySource, maxBytes: number): AsyncGenerator<CopyChunk[]> {
  let batch: CopyChunk[] = [];
  let size = 0;
  for await (const line of lines) {
    batch.push(line);
    size += line.length;
    if (size >= maxBytes) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** One chunk of a batch: joined text when all are text, else the bytes. */
function joinChunks(batch: CopyChunk[]): CopyChunk {
  if (batch.length === 1) return batch[0]!;
  if (batch.every((c) => typeof c === "string")) return batch.join("");
  return Buffer.concat(batch.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
}

/**
 * COPY data regrouped into batches of about `maxBytes` that each end at a line end (LF), whatever the
 * chunks: a line cut between two chunks is carried into the next batch whole. Cutting bytes right after
 * an LF is safe in UTF-8 (0x0A never occurs inside a multi-byte character) and in COPY text format (a
 * newline inside a value is written as the two characters \\n). A line longer than `maxBytes` makes
 * a batch longer than `maxBytes`. The last batch may lack its final LF (COPY accepts that).
 */
export async function* lineBatches(chunks: CopySource, maxBytes: number): AsyncGenerator<Uint8Array[]> {
  let batch: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes.length === 0) continue;
    batch.push(bytes);
    size += bytes.length;
    if (size < maxBytes) continue;
    // The last LF of the batch: search the chunks from the end.
    for (let k = batch.length - 1; k >= 0; k--) {
      const c = batch[k]!;
      const lf = c.lastIndexOf(10);
      if (lf === -1) continue;
      const whole = batch.slice(0, k);
      whole.push(c.subarray(0, lf + 1));
      const rest = [c.subarray(lf + 1), ...batch.slice(k + 1)].filter((r) => r.length > 0);
      yield whole;
      batch = rest;
      size = rest.reduce((n, r) => n + r.length, 0);
      break;
    }
  }
  if (size > 0) yield batch;
}

// -------------------------------------------------------------------------------------- value types
// This layer's own reading of values, per query, whatever the shared pool / instance defaults are:
// DATE is a calendar date here, kept as 'YYYY-MM-DD' (no time zone shift); on PGlite int8 stays PGlite's
// number-when-safe (the shared instance parses it as bigint for @orgboard/db's query()).
const keepText = (value: string) => value;

const pgQueryTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 1082 && format !== "binary") return keepText;
    return pg.types.getTypeParser(oid, format as "text") as (value: string) => unknown;
  }) as pg.CustomTypesConfig["getTypeParser"],
};

const int8Parser = pgliteTypes.parsers[pgliteTypes.INT8]!;
const pgliteQueryParsers = {
  [pgliteTypes.INT8]: int8Parser,
  [pgliteTypes.DATE]: keepText,
  1016: (value: string): unknown => pgliteTypes.arrayParser(value, int8Parser, 1016), // int8[]
  1182: (value: string): unknown => pgliteTypes.arrayParser(value, keepText, 1182), // date[]
};

// ---------------------------------------------------------------------------------------------- pg

class PgClientSql implements Sql {
  readonly dialect = "postgres" as const;
  constructor(private readonly client: PoolClient) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.client.query({ text, values: params as unknown[], types: pgQueryTypes });
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async exec(text: string): Promise<void> {
    await this.client.query(text);
  }

  async copyFrom(target: string, lines: CopySource): Promise<number> {
    const stream = this.client.query(copyFromStream(`COPY ${target} FROM STDIN`));
    // Group lines into larger chunks: one write per line would be dominated by stream overhead. (Byte
    // chunks of this size or more go as they are.)
    const chunks = (async function* () {
      for await (const b of batches(lines, 128 * 1024)) yield joinChunks(b);
    })();
    await pipeline(Readable.from(chunks, { objectMode: false }), stream);
    return Number(stream.rowCount ?? 0);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return fn(this);
  }
}

class PgPoolSql implements Database {
  readonly dialect = "postgres" as const;
  constructor(private readonly pool: Pool) {}

  async openCopySinks(targets: readonly string[]): Promise<CopySink[]> {
    return Promise.all(
      targets.map(async (target) => {
        // Outside the pool (its size must not limit the parallel COPYs), with the pool's own settings.
        const client = new pg.Client(this.pool.options);
        client.on("error", () => undefined);
        await client.connect();
        const stream = client.query(copyFromStream(`COPY ${target} FROM STDIN`));
        let failed: Error | null = null;
        stream.on("error", (e: Error) => (failed = e));
        let buf = "";
        const flush = async () => {
          if (failed) throw failed;
          const chunk = buf;
          buf = "";
          if (!stream.write(chunk)) await new Promise<void>((resolve, reject) => {
            stream.once("drain", resolve);
            stream.once("error", reject);
          });
        };
        return {
          write(line: string) {
            buf += line;
            if (buf.length >= 256 * 1024) return flush();
          },
          async end() {
            try {
              if (buf.length > 0) await flush();
              stream.end();
              await new Promise<void>((resolve, reject) => {
                if (failed) return reject(failed);
                stream.once("finish", resolve);
                stream.once("error", reject);
              });
              return Number(stream.rowCount ?? 0);
            } finally {
              await client.end();
            }
          },
        } satisfies CopySink;
      }),
    );
  }

  async query<T>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pool.query({ text, values: params as unknown[], types: pgQueryTypes });
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async copyFrom(target: string, lines: CopySource): Promise<number> {
    const client = await this.pool.connect();
    try {
      return await new PgClientSql(client).copyFrom(target, lines);
    } finally {
      client.release();
    }
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(new PgClientSql(client));
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    // The pool belongs to the @orgboard/db Database that opened it (open.ts closes that).
  }
}

// ------------------------------------------------------------------------------------------ PGlite

type PgliteLike = Pick<PGlite, "query" | "exec"> | Transaction;

class PgliteSql implements Sql {
  readonly dialect = "pglite" as const;
  constructor(
    protected readonly db: PgliteLike,
    private readonly root: PGlite | null,
    protected readonly copyBatchBytes: number,
  ) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.db.query<T>(text, params as unknown[], { parsers: pgliteQueryParsers });
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async exec(text: string): Promise<void> {
    await this.db.exec(text);
  }

  async copyFrom(target: string, lines: CopySource): Promise<number> {
    // PGlite reads COPY data from a Blob: copy in bounded batches to keep memory flat. Each batch is its own
    // COPY statement, so it must end at a line end: the chunks may be cut anywhere (a file read back in
    // raw blocks), and a line split across two statements was a wrong row or an error (#11, finding 1).
    let total = 0;
    for await (const batch of lineBatches(lines, this.copyBatchBytes)) {
      const r = await this.db.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(batch) });
      total += r.affectedRows ?? 0;
    }
    return total;
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this);
    return this.root.transaction((tx) => fn(new PgliteSql(tx, null, this.copyBatchBytes)));
  }
}

class PgliteDatabase extends PgliteSql implements Database {
  constructor(
    private readonly pglite: PGlite,
    private readonly owned: boolean,
    copyBatchBytes: number,
  ) {
    super(pglite, pglite, copyBatchBytes);
  }
  async close(): Promise<void> {
    if (this.owned) await this.pglite.close();
  }
}

// --------------------------------------------------------------------------------------- factories

/** Wraps a pool opened elsewhere (by @orgboard/db); `close()` leaves it to its owner. */
export function sqlFromPgPool(pool: Pool): Database {
  return new PgPoolSql(pool);
}

export interface PgliteSqlOptions {
  /**
   * Bytes per COPY statement (default 8 MiB). Tests set a small one so that a few thousand rows cross
   * many batch boundaries.
   */
  copyBatchBytes?: number;
}

/** Wraps an existing PGlite; `owned` = close it with the Database. */
export function sqlFromPglite(pglite: PGlite, owned = false, options: PgliteSqlOptions = {}): Database {
  return new PgliteDatabase(pglite, owned, options.copyBatchBytes ?? COPY_BATCH_BYTES);
}

/** Date columns come back as 'YYYY-MM-DD' strings on both backends. */
export type IsoDate = string;
