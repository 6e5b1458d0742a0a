import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";

import { DbError } from "./errors.js";

/** One row of values in column order. null/undefined → NULL; Date → ISO; Uint8Array → bytea; arrays → PG arrays; objects → JSON. */
export type CopyRow = readonly unknown[];
export type CopyRows = Iterable<CopyRow> | AsyncIterable<CopyRow>;

export interface CopyOptions {
  /**
   * PGlite only: how much COPY text to hand over per statement (all in one transaction). Bounds memory;
   * default 16 MiB.
   */
  pgliteChunkBytes?: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function quoteIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new DbError("ORG_DB_BAD_IDENTIFIER", `${what} ${JSON.stringify(name)} is not a plain SQL identifier`);
  }
  return `"${name}"`;
}

/** `"Table" ("a", "b")`; the table may be schema-qualified ("schema.Table"). */
export function copyTarget(table: string, columns: readonly string[]): string {
  if (columns.length === 0) throw new DbError("ORG_DB_BAD_IDENTIFIER", "copyFrom needs at least one column");
  const qualified = table
    .split(".")
    .map((part) => quoteIdentifier(part, "table"))
    .join(".");
  return `${qualified} (${columns.map((c) => quoteIdentifier(c, "column")).join(", ")})`;
}

// COPY text format: backslash, newline, carriage return and tab must be escaped; \N is NULL.
function escapeText(value: string): string {
  return /[\\\n\r\t]/.test(value)
    ? value.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"))
    : value;
}

function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return arrayLiteral(v as unknown[]);
    const text = scalarText(v);
    return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  });
  return `{${items.join(",")}}`;
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "t" : "f";
    case "object":
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
      if (Array.isArray(value)) return arrayLiteral(value as unknown[]);
      return JSON.stringify(value);
    default:
      throw new DbError("ORG_DB_COPY_VALUE", `copyFrom cannot store a value of type ${typeof value}`);
  }
}

export function encodeCopyRow(row: CopyRow, width: number): string {
  if (row.length !== width) {
    throw new DbError("ORG_DB_COPY_ROW", `copyFrom row has ${row.length} values but ${width} columns were named`);
  }
  let line = "";
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (i > 0) line += "\t";
    line += value === null || value === undefined ? "\\N" : escapeText(scalarText(value));
  }
  return line + "\n";
}

/** Encodes rows into COPY text chunks of about `chunkChars` characters, pulling rows lazily. */
export async function* copyChunks(rows: CopyRows, width: number, chunkChars: number): AsyncGenerator<string> {
  let chunk = "";
  for await (const row of rows as AsyncIterable<CopyRow>) {
    chunk += encodeCopyRow(row, width);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** COPY … FROM STDIN through pg-copy-streams: streamed with back-pressure, so memory stays bounded. */
export async function copyFromPg(pool: pg.Pool, table: string, columns: readonly string[], rows: CopyRows): Promise<number> {
  const sql = `COPY ${copyTarget(table, columns)} FROM STDIN`;
  const client = await pool.connect();
  let failure: unknown;
  try {
    const stream = client.query(copyFromStdin(sql));
    let count = 0;
    async function* counted(): AsyncGenerator<string> {
      for await (const chunk of copyChunks(rows, columns.length, 64 * 1024)) {
        // Lines end with "\n" and embedded newlines are escaped, so counting "\n" counts rows.
        for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) count++;
        yield chunk;
      }
    }
    await pipeline(Readable.from(counted()), stream);
    return stream.rowCount ?? count;
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    // A connection that failed mid-COPY is not reused.
    client.release(failure instanceof Error ? failure : undefined);
  }
}

/** COPY … FROM '/dev/blob' on PGlite, in chunks, all inside one transaction (all rows or none). */
export async function copyFromPGlite(
  pglite: PGlite,
  table: string,
  columns: readonly string[],
  rows: CopyRows,
  options: CopyOptions = {},
): Promise<number> {
  const sql = `COPY ${copyTarget(table, columns)} FROM '/dev/blob'`;
  const chunkChars = options.pgliteChunkBytes ?? 16 * 1024 * 1024;
  return pglite.transaction(async (tx) => {
    let count = 0;
    for await (const chunk of copyChunks(rows, columns.length, chunkChars)) {
      const result = await tx.query(sql, [], { blob: new Blob([chunk]) });
      count += result.affectedRows ?? 0;
    }
    return count;
  });
}
