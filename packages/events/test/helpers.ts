import { PGlite } from "@electric-sql/pglite";
import { createOutboxTables, pgliteClient } from "../src/testing.js";

export async function openOutboxDb() {
  const pg = new PGlite();
  await createOutboxTables(pg);
  return { pg, db: pgliteClient(pg) };
}
