// The audit chain on PGlite (in memory); the same suite runs on PostgreSQL in audit-chain.postgres.test.ts.
import { PGlite } from "@electric-sql/pglite";
import { createOutboxTables, pgliteClient } from "../src/testing.js";
import { asRawSql } from "../src/index.js";
import { auditChainSuite } from "./audit-suite.js";

auditChainSuite("PGlite", async () => {
  const pg = new PGlite();
  await createOutboxTables(pg);
  const client = pgliteClient(pg);
  return {
    sql: client,
    transaction: (fn) => pg.transaction((tx) => fn(asRawSql(tx))),
    exec: async (script) => void (await pg.exec(script)),
    close: () => pg.close(),
  };
});
