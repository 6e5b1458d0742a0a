// The scope-key rewrite of restructuring (issue #14, docs/restructuring.md "Rekey"): inside the caller's
// transaction, every stored organization path under a move's `fromPath` becomes the same path under its
// `toPath`, in every table of the service's schema that holds one (columns `org_path` and `*_org_path`),
// except the history: audit records and outbox events keep the path they were written with. A row is
// rewritten once, by the longest `fromPath` it starts with, from its value before the statement (so a
// move whose `toPath` lies under another move's `fromPath` never chains).
//
// Idempotency: the result is stored under the caller's key in `rekey_request` (each service's migration
// creates it, REKEY_REQUEST_DDL) in the same transaction; a repeat answers the stored result.
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { recordChange, type Caller } from "./outbox.js";
import { asRawSql, type RawSqlClient, type SqlHandle } from "./sql.js";

export interface ScopeKeyMove {
  fromPath: string;
  toPath: string;
}

/** Tables whose paths are history, never rewritten. */
export const REKEY_HISTORY_TABLES: readonly string[] = ["audit_record", "outbox_event", "rekey_request"];

/** DDL equal to the services' `RekeyRequest` model (for tests and tools). */
export const REKEY_REQUEST_DDL = `
CREATE TABLE IF NOT EXISTS rekey_request (
  idempotency_key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  effective_on DATE NOT NULL,
  result JSONB NOT NULL,
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);`;

export interface ScopeKeyTable {
  table: string;
  columns: string[];
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Every (table, path columns) of the current schema holding organization paths: text columns named
 * `org_path` or `…_org_path`, history tables and `exclude` ("table.column", e.g. a derived column the
 * service recomputes itself) left out. Discovered, not listed: a table added later follows without a change
 * here (each service's test pins the list it expects, so a new one is noticed).
 */
export async function scopeKeyTables(handle: SqlHandle, opts: { exclude?: readonly string[] } = {}): Promise<ScopeKeyTable[]> {
  const sql = asRawSql(handle);
  const rows = await sql.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT c.table_name::text AS table_name, c.column_name::text AS column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND c.data_type = 'text' AND (c.column_name = 'org_path' OR c.column_name LIKE '%\\_org\\_path')
      ORDER BY 1, 2`,
  );
  const exclude = new Set(opts.exclude ?? []);
  const byTable = new Map<string, string[]>();
  for (const r of rows) {
    if (REKEY_HISTORY_TABLES.includes(r.table_name) || exclude.has(`${r.table_name}.${r.column_name}`)) continue;
    if (!IDENT.test(r.table_name) || !IDENT.test(r.column_name)) continue;
    byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  }
  return [...byTable.entries()].map(([table, columns]) => ({ table, columns }));
}

/** `p` rewritten by the longest move whose from_path is one of its ancestors (or itself); `p` if none. */
function rewrittenSql(col: string): string {
  return `coalesce((SELECT m.to_path || substr(${col}, length(m.from_path) + 1) FROM rekey_move m
     WHERE m.from_path = ANY (ARRAY(SELECT left(${col}, i) FROM generate_series(1, length(${col})) AS i WHERE substr(${col}, i, 1) = '/'))
     ORDER BY length(m.from_path) DESC LIMIT 1), ${col})`;
}

/**
 * Rewrites the paths of `tables` by `moves` (see the header); returns rows rewritten per table (a row
 * whose several path columns moved counts once). Must run inside a transaction (the moves table is a
 * temporary table dropped at commit). Candidate rows are found per move by a byte-wise range on the
 * column (`~>=~`/`~<~`, which the `text_pattern_ops` prefix indexes serve), not by a scan.
 */
export async function rewriteScopeKeys(handle: SqlHandle, moves: readonly ScopeKeyMove[], tables: readonly ScopeKeyTable[]): Promise<Record<string, number>> {
  const sql = asRawSql(handle);
  await sql.$executeRawUnsafe(`CREATE TEMP TABLE IF NOT EXISTS rekey_move (from_path text PRIMARY KEY, to_path text NOT NULL, upper_path text NOT NULL) ON COMMIT DROP`);
  await sql.$executeRawUnsafe(`DELETE FROM rekey_move`);
  // Paths end with "/", whose successor byte is "0": every path under p sorts in [p, p without its "/" + "0").
  const rows = moves.map((m) => ({ from_path: m.fromPath, to_path: m.toPath, upper_path: `${m.fromPath.slice(0, -1)}0` }));
  await sql.$executeRawUnsafe(
    `INSERT INTO rekey_move (from_path, to_path, upper_path) SELECT from_path, to_path, upper_path FROM json_to_recordset($1::json) AS x(from_path text, to_path text, upper_path text)`,
    JSON.stringify(rows),
  );
  const records: Record<string, number> = {};
  for (const { table, columns } of tables) {
    const sets = columns.map((c) => `"${c}" = ${rewrittenSql(`t."${c}"`)}`).join(", ");
    const candidates = columns.map((c) => `SELECT x.ctid FROM rekey_move m JOIN "${table}" x ON x."${c}" ~>=~ m.from_path AND x."${c}" ~<~ m.upper_path`).join(" UNION ");
    records[table] = await sql.$executeRawUnsafe(`UPDATE "${table}" AS t SET ${sets} WHERE t.ctid IN (${candidates})`);
  }
  return records;
}

/** A stable digest of what was asked (the moves in order and the day), to tell a repeat from a reuse of the key. */
export function rekeyRequestHash(input: { effectiveOn: string; moves: readonly ScopeKeyMove[] }): string {
  return createHash("sha256").update(JSON.stringify([input.effectiveOn, input.moves.map((m) => [m.fromPath, m.toPath])])).digest("hex");
}

export type StoredRekey =
  | { kind: "none" }
  | { kind: "same"; records: Record<string, number> }
  /** The key was used for other moves or another day: a caller's bug, refused (CONFLICT). */
  | { kind: "different" };

/**
 * What `rekey_request` holds for this key, after waiting for any transaction applying the same key
 * (a transaction-scoped advisory lock on the key: two concurrent repeats serialize, the second replays).
 */
export async function readStoredRekey(handle: SqlHandle, idempotencyKey: string, requestHash: string): Promise<StoredRekey> {
  const sql: RawSqlClient = asRawSql(handle);
  await sql.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('rekey:' || $1, 0)) IS NULL AS locked`, idempotencyKey);
  const rows = await sql.$queryRawUnsafe<{ request_hash: string; result: { records: Record<string, number> } }[]>(
    `SELECT request_hash, result FROM rekey_request WHERE idempotency_key = $1`,
    idempotencyKey,
  );
  const row = rows[0];
  if (!row) return { kind: "none" };
  return row.request_hash === requestHash ? { kind: "same", records: row.result.records } : { kind: "different" };
}

export async function storeRekey(handle: SqlHandle, row: { idempotencyKey: string; requestHash: string; effectiveOn: string; records: Record<string, number>; createdBy: string }): Promise<void> {
  await asRawSql(handle).$executeRawUnsafe(
    `INSERT INTO rekey_request (idempotency_key, request_hash, effective_on, result, created_by) VALUES ($1, $2, $3::date, $4::jsonb, $5)`,
    row.idempotencyKey,
    row.requestHash,
    row.effectiveOn,
    JSON.stringify({ records: row.records }),
    row.createdBy,
  );
}

/** The idempotency key was used before for other moves or another day. */
export class RekeyKeyReusedError extends Error {
  constructor() {
    super("khóa idempotencyKey đã dùng cho một yêu cầu khác / this idempotencyKey was used for a different request");
    this.name = "RekeyKeyReusedError";
  }
}

/** The longest common prefix of paths, cut back to a whole path ("/" at worst): the audit record's scope. */
export function commonOrgPath(paths: readonly string[]): string {
  if (paths.length === 0) return "/";
  let p = paths[0]!;
  for (const q of paths) while (!q.startsWith(p)) p = p.slice(0, p.lastIndexOf("/", p.length - 2) + 1);
  return p || "/";
}

export interface ApplyRekeyOptions {
  /** The service's name: the event is `<service>.restructuring.rekeyed`. */
  service: string;
  /** "table.column" left to `afterRewrite` (derived columns). */
  exclude?: readonly string[];
  /** Runs after the rewrite, in the same transaction (recompute derived columns). */
  afterRewrite?: (handle: SqlHandle) => Promise<void>;
}

/**
 * The whole `<service>.restructuring.rekey` write, inside the caller's transaction: replay a stored
 * result, or rewrite every scope key, store the result under the key, and write one audit record and one
 * event (`<service>.restructuring.rekeyed`, moves and counts) with the old and new paths in them. The
 * audit record's and the event's org path is the moves' common subtree ("/" for moves across provinces).
 */
export async function applyRekey(
  handle: SqlHandle,
  caller: Caller,
  input: { idempotencyKey: string; effectiveOn: string; moves: readonly ScopeKeyMove[] },
  opts: ApplyRekeyOptions,
): Promise<{ idempotencyKey: string; records: Record<string, number>; replayed: boolean }> {
  const requestHash = rekeyRequestHash(input);
  const stored = await readStoredRekey(handle, input.idempotencyKey, requestHash);
  if (stored.kind === "same") return { idempotencyKey: input.idempotencyKey, records: stored.records, replayed: true };
  if (stored.kind === "different") throw new RekeyKeyReusedError();
  const tables = await scopeKeyTables(handle, { exclude: opts.exclude });
  const records = await rewriteScopeKeys(handle, input.moves, tables);
  await opts.afterRewrite?.(handle);
  await storeRekey(handle, { idempotencyKey: input.idempotencyKey, requestHash, effectiveOn: input.effectiveOn, records, createdBy: caller.principal.subject });
  const moves = input.moves.map((m) => ({ fromPath: m.fromPath, toPath: m.toPath }));
  const orgPath = commonOrgPath(moves.flatMap((m) => [m.fromPath, m.toPath]));
  await recordChange(
    handle,
    { actor: caller.principal.subject, requestId: caller.requestId ?? null, action: caller.action, entity: "ScopeKeys", entityId: input.idempotencyKey, orgPath, after: { effectiveOn: input.effectiveOn, moves, records } },
    { type: `${opts.service}.restructuring.rekeyed`, payload: { idempotencyKey: input.idempotencyKey, effectiveOn: input.effectiveOn, moves, records } },
  );
  crashBeforeCommit(opts.service);
  return { idempotencyKey: input.idempotencyKey, records, replayed: false };
}

/**
 * Tests only (`REKEY_CRASH_BEFORE_COMMIT=<service>`, docs/configuration.md): the process kills itself
 * (SIGKILL) with the rewrite, the stored key, the audit record and the event written but not committed, so
 * a test can show the rekey rolled back whole and the saga's repeat applying it once
 * (apps/restructuring/test/processes/rekey-crash.test.ts: inspection; rekey-crash-services.test.ts: personnel
 * and conference).
 */
function crashBeforeCommit(service: string): void {
  if (process.env.REKEY_CRASH_BEFORE_COMMIT !== service) return;
  process.stderr.write(`${service}: crash injected before the rekey's commit\n`);
  process.kill(process.pid, "SIGKILL");
}

/** How long one rewrite may hold its transaction: a province's subtree on PostgreSQL (the national bench's unit). */
export const REKEY_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

function hasUniqueViolation(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 4) return false;
  const o = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (o.code === "P2002" || o.code === "23505") return true;
  if (typeof o.message === "string" && /23505|unique constraint/i.test(o.message)) return true;
  return hasUniqueViolation(o.cause, depth + 1) || hasUniqueViolation(o.meta, depth + 1);
}

/**
 * The tRPC answer to a failed rewrite that is the caller's to fix (null: a real fault, left as it is):
 * a key reused for other moves, or moved rows colliding with rows already at the target (two merged
 * committees' programs of one year under one body, for instance): CONFLICT, nothing written.
 */
export function rekeyFailure(e: unknown): TRPCError | null {
  if (e instanceof RekeyKeyReusedError) return new TRPCError({ code: "CONFLICT", message: `idempotencyKey: ${e.message}`, cause: e });
  if (hasUniqueViolation(e)) {
    return new TRPCError({
      code: "CONFLICT",
      message: "moves: hồ sơ chuyển đến trùng với hồ sơ đã có ở đơn vị mới, không có gì được ghi / moved records collide with records already at the new paths; nothing was written",
      cause: e instanceof Error ? e : undefined,
    });
  }
  return null;
}
