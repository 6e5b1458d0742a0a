import { PGlite } from "@electric-sql/pglite";
import { createOutboxTables, pgliteClient } from "../src/testing.js";

export async function openOutboxDb() {
  const pg = new PGlite();
  await createOutboxTables(pg);
  return { pg, db: pgliteClient(pg) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(cond: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
