// The small SQL surface the bulk paths (import, export, seed, report) need: parameterised queries,
// COPY FROM for bulk loads, and a transaction holding one connection. Two backends: a `pg` pool
// (PostgreSQL, DATABASE_URL) and an in-process PGlite (embedded default), so the same code runs on both.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Pool, PoolClient } from "pg";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { from as copyFromStream } from "pg-copy-streams";

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Rows fed to COPY ... FROM STDIN, already encoded in PostgreSQL's text format (see copyText). */
export type CopySource = AsyncIterable<string> | Iterable<string>;

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

async function* batches(lines: CopySource, maxBytes: number): AsyncGenerator<string[]> {
  let batch: string[] = [];
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

function countLines(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------- pg

class PgClientSql implements Sql {
  readonly dialect = "postgres" as const;
  constructor(private readonly client: PoolClient) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.client.query(text, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  }

  async exec(text: string): Promise<void> {
    await this.client.query(text);
  }

  async copyFrom(target: string, lines: CopySource): Promise<number> {
    const stream = this.client.query(copyFromStream(`COPY ${target} FROM STDIN`));
    // Group lines into larger chunks: one write per line would be dominated by stream overhead.
    const chunks = (async function* () {
      for await (const b of batches(lines, 256 * 1024)) yield b.join("");
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
  constructor(
    private readonly pool: Pool,
    private readonly connectionString?: string,
  ) {}

  async openCopySinks(targets: readonly string[]): Promise<CopySink[]> {
    const pg = await import("pg");
    return Promise.all(
      targets.map(async (target) => {
        const client = new pg.default.Client({ connectionString: this.connectionString });
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
    const r = await this.pool.query(text, params as unknown[]);
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
    await this.pool.end();
  }
}

// ------------------------------------------------------------------------------------------ PGlite

type PgliteLike = Pick<PGlite, "query" | "exec"> | Transaction;

class PgliteSql implements Sql {
  readonly dialect = "pglite" as const;
  constructor(
    protected readonly db: PgliteLike,
    private readonly root: PGlite | null,
  ) {}

  async query<T>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.db.query<T>(text, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async exec(text: string): Promise<void> {
    await this.db.exec(text);
  }

  async copyFrom(target: string, lines: CopySource): Promise<number> {
    // PGlite reads COPY data from a Blob: copy in bounded batches to keep memory flat.
    let total = 0;
    for await (const batch of batches(lines, COPY_BATCH_BYTES)) {
      const text = batch.join("");
      await this.db.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
      total += countLines(text);
    }
    return total;
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this);
    return this.root.transaction((tx) => fn(new PgliteSql(tx, null)));
  }
}

class PgliteDatabase extends PgliteSql implements Database {
  constructor(
    private readonly pglite: PGlite,
    private readonly owned: boolean,
  ) {
    super(pglite, pglite);
  }
  async close(): Promise<void> {
    if (this.owned) await this.pglite.close();
  }
}

// --------------------------------------------------------------------------------------- factories

/** `connectionString` enables openCopySinks (parallel COPY on extra connections). */
export function sqlFromPgPool(pool: Pool, connectionString?: string): Database {
  return new PgPoolSql(pool, connectionString);
}

/** Wraps an existing PGlite; `owned` = close it with the Database. */
export function sqlFromPglite(pglite: PGlite, owned = false): Database {
  return new PgliteDatabase(pglite, owned);
}

export interface ConnectOptions {
  /** PostgreSQL URL; when absent an embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; absent = in memory. */
  dataDir?: string | undefined;
  /** pg pool size (default 4). */
  poolSize?: number;
}

export async function connect(options: ConnectOptions = {}): Promise<Database> {
  if (options.databaseUrl) {
    const pg = await import("pg");
    const pool = new pg.default.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 4 });
    // Dates are calendar dates in this domain: keep DATE columns as 'YYYY-MM-DD' strings (no time zone shift).
    // An idle client whose server connection ends (restart, DROP DATABASE … FORCE) emits "error" on the
    // pool; unhandled it would kill the process. The pool replaces it on the next checkout.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => {
      client.setTypeParser(1082, (v: string) => v);
    });
    return sqlFromPgPool(pool, options.databaseUrl);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(options.dataDir ?? "memory://", {
    parsers: { 1082: (v: string) => v },
  });
  return sqlFromPglite(pglite, true);
}

/** Date columns come back as 'YYYY-MM-DD' strings on both backends. */
export type IsoDate = string;
