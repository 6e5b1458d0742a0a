// Adapts a Sql connection to the RawSqlClient shape @orgboard/events expects (Prisma's $…RawUnsafe),
// so the bulk paths can call recordChange() inside their own transaction.
import type { RawSqlClient } from "@orgboard/events";
import type { Sql } from "./sql.js";

export function rawClient(sql: Sql): RawSqlClient {
  return {
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await sql.query(query, values)).rowCount,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await sql.query(query, values)).rows as T,
  };
}
