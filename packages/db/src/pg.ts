import pg from "pg";

import { DbError } from "./errors.js";
import type { SqlSession } from "./migrations/session.js";

export interface PgTarget {
  /** Config for `pg` (the Prisma-only `schema` parameter turned into a search_path). */
  config: pg.ClientConfig;
  /** The schema Prisma's adapter should use, when the URL names one. */
  schema: string | undefined;
  /** The URL without its password, for messages and logs. */
  redacted: string;
  database: string;
}

/** Parses a postgres:// URL; a clear error instead of pg's own when it is malformed. */
export function parseDatabaseUrl(databaseUrl: string): PgTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DbError("ORG_DB_BAD_URL", "DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new DbError(
      "ORG_DB_BAD_URL",
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//); unset it to use the embedded database`,
    );
  }
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const redactedUrl = new URL(url.href);
  if (redactedUrl.password) redactedUrl.password = "***";
  const config: pg.ClientConfig = { connectionString: url.href };
  if (schema !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(schema)) {
      throw new DbError("ORG_DB_BAD_URL", `DATABASE_URL parameter schema=${schema} is not a plain identifier`);
    }
    config.options = `-c search_path=${schema}`;
  }
  return {
    config,
    schema,
    redacted: redactedUrl.href,
    database: decodeURIComponent(url.pathname.replace(/^\//, "")) || url.username || "postgres",
  };
}

/** The URL of another database on the same server (same credentials and parameters). */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.href;
}

/** A migration session on one dedicated connection (the advisory lock is per session). */
export function pgSession(client: pg.Client, location: string): SqlSession {
  return {
    kind: "postgres",
    location,
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(script: string) {
      // No parameters ⇒ pg uses the simple query protocol: the whole file runs as one implicit transaction.
      await client.query(script);
    },
  };
}

export async function connectPg(target: PgTarget): Promise<pg.Client> {
  const client = new pg.Client(target.config);
  // An idle client whose server goes away emits "error"; without a listener that would crash the process.
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** int8 as bigint (exact; Prisma's $queryRaw does the same), everything else as pg's defaults. */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 && format !== "binary") return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format as "text") as (value: string) => unknown;
  }) as pg.CustomTypesConfig["getTypeParser"],
};
