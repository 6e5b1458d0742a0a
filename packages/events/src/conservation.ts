// The conservation read of restructuring's verify (issue #14, docs/restructuring.md "Verify"): per given
// path, how many rows of each scope-key table lie under it, and how many still lie under the paths of
// organizations that no longer exist. Tables are discovered as the rekey discovers them (`scopeKeyTables`),
// so a table added later is counted without a change here. Read only.
import { scopeKeyTables, type ScopeKeyTable } from "./rekey.js";
import { asRawSql, type SqlHandle } from "./sql.js";

export interface ConservationCounts {
  under: { path: string; records: Record<string, number>; total: number }[];
  left: { total: number; records: Record<string, number>; paths: { path: string; total: number }[] };
}

// Paths end with "/", whose successor byte is "0": every path under p sorts in [p, p without its "/" + "0").
const bounds = (paths: readonly string[]) => JSON.stringify([...new Set(paths)].map((p) => ({ path: p, upper: `${p.slice(0, -1)}0` })));
const underAny = (columns: readonly string[]) => columns.map((c) => `(x."${c}" ~>=~ p.path AND x."${c}" ~<~ p.upper)`).join(" OR ");

/** Rows per table under each of `paths` (a row whose several path columns fall under one path counts once). */
async function countUnder(handle: SqlHandle, tables: readonly ScopeKeyTable[], paths: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const sql = asRawSql(handle);
  const out = new Map<string, Record<string, number>>(paths.map((p) => [p, {}]));
  if (paths.length === 0) return out;
  const json = bounds(paths);
  for (const { table, columns } of tables) {
    const rows = await sql.$queryRawUnsafe<{ path: string; n: number }[]>(
      `SELECT p.path, (SELECT count(*)::int FROM "${table}" x WHERE ${underAny(columns)}) AS n
         FROM json_to_recordset($1::json) AS p(path text, upper text)`,
      json,
    );
    for (const r of rows) out.get(r.path)![table] = r.n;
  }
  return out;
}

/** Rows per table under any of `paths`, each row once. */
async function countUnderAny(handle: SqlHandle, tables: readonly ScopeKeyTable[], paths: readonly string[]): Promise<Record<string, number>> {
  const sql = asRawSql(handle);
  const records: Record<string, number> = {};
  const json = bounds(paths);
  for (const { table, columns } of tables) {
    if (paths.length === 0) {
      records[table] = 0;
      continue;
    }
    const [row] = await sql.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table}" x WHERE EXISTS (SELECT 1 FROM json_to_recordset($1::json) AS p(path text, upper text) WHERE ${underAny(columns)})`,
      json,
    );
    records[table] = row?.n ?? 0;
  }
  return records;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * `<service>.restructuring.conservation`'s answer: rows per scope-key table under each of `paths`, and
 * the rows still under `closedPaths` (must be 0 once a run moved everything). `exclude` as for the rekey
 * ("table.column": a derived column, e.g. conference's top_org_path, is not a record's own path).
 */
export async function conservationCounts(handle: SqlHandle, input: { paths: readonly string[]; closedPaths: readonly string[] }, opts: { exclude?: readonly string[] } = {}): Promise<ConservationCounts> {
  const tables = await scopeKeyTables(handle, { exclude: opts.exclude });
  const under = await countUnder(handle, tables, input.paths);
  const perClosed = await countUnder(handle, tables, input.closedPaths);
  const leftRecords = await countUnderAny(handle, tables, input.closedPaths);
  return {
    under: input.paths.map((path) => ({ path, records: under.get(path)!, total: sum(under.get(path)!) })),
    left: {
      total: sum(leftRecords),
      records: leftRecords,
      paths: [...perClosed.entries()].map(([path, r]) => ({ path, total: sum(r) })).filter((p) => p.total > 0),
    },
  };
}
