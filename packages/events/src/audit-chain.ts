// The audit trail's hash chain (docs/security.md "Audit trail", decision 0009). Each audit_record row
// carries prev_hash (the previous row's hash, or GENESIS_HASH for the first) and hash = sha-256 of the
// canonical encoding of its fields and prev_hash. The WRITER computes the hash in SQL (so the stored
// jsonb's text form is what is hashed, and migrations can chain existing rows the same way); `verify`
// recomputes it in JavaScript from the stored values, an independent implementation of the encoding.
import { createHash } from "node:crypto";
import { asRawSql, type SqlHandle } from "./sql.js";

/** prev_hash of the first record of a chain. */
export const GENESIS_HASH = "0".repeat(64);
/** First field of every encoding: a new encoding gets a new tag (and verify learns both). */
export const AUDIT_HASH_VERSION = "orgboard-audit-v1";
/** Kinds of audit record: a change (with its events) or a read of personal data. */
export const AUDIT_KINDS = ["change", "read"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** `at` as hashed: UTC, milliseconds (the column is timestamptz(3)), independent of the session's TimeZone. */
export const AUDIT_AT_TEXT_SQL = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The hashed fields, in encoding order (after the version tag; prev_hash is last). */
const FIELDS = ["id", "at", "kind", "actor", "request_id", "action", "entity", "entity_id", "org_path", "before", "after", "prev_hash"] as const;
type Field = (typeof FIELDS)[number];

/**
 * SQL expression of a record's hash over columns of `alias` (id bigint, at timestamptz(3), jsonb before/after
 * and text for the rest). Each field is `<octets>:<text>` (or `~` for NULL), concatenated after the version
 * tag: length prefixes make the encoding unambiguous whatever the texts contain. jsonb's text form is
 * canonical (keys ordered, whitespace fixed), so the hash does not depend on how the JSON was sent.
 */
export function auditHashSql(alias: string): string {
  const text = (f: Field): string => {
    const c = `${alias}.${f}`;
    if (f === "id") return `${c}::text`;
    if (f === "at") return AUDIT_AT_TEXT_SQL(c);
    if (f === "before" || f === "after") return `${c}::text`;
    return c;
  };
  const part = (f: Field) => `CASE WHEN ${text(f)} IS NULL THEN '~' ELSE octet_length(${text(f)})::text || ':' || ${text(f)} END`;
  return `encode(sha256(convert_to('${AUDIT_HASH_VERSION}' || ${FIELDS.map(part).join(" || ")}, 'UTF8')), 'hex')`;
}

/** A record as read back for verification: every hashed field as the text that was hashed. */
export interface AuditRowText {
  id: string;
  at: string;
  kind: string;
  actor: string;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  org_path: string;
  before: string | null;
  after: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The same hash as auditHashSql, computed here from the stored texts. */
export function auditRecordHash(row: Omit<AuditRowText, "hash">): string {
  const h = createHash("sha256");
  h.update(AUDIT_HASH_VERSION);
  for (const f of FIELDS) {
    const v = row[f];
    h.update(v === null ? "~" : `${Buffer.byteLength(v, "utf8")}:${v}`);
  }
  return h.digest("hex");
}

/** Columns of audit_record as hashed, for a SELECT (jsonb as its canonical text). */
export const AUDIT_ROW_TEXT_COLUMNS = `id::text AS id, ${AUDIT_AT_TEXT_SQL("at")} AS at, kind, actor, request_id, action, entity, entity_id,
  org_path, before::text AS before, after::text AS after, prev_hash, hash`;

/**
 * Inserts one audit record chained to the current head. The caller holds OUTBOX_LOCK_KEY (transaction
 * scoped) and runs under READ COMMITTED, so this statement's snapshot, taken after the lock was granted,
 * sees every earlier record committed: the head read here is the real head, and no other writer can
 * chain to it before this transaction ends. The id is drawn here too, so id order = chain order.
 */
export const INSERT_CHAINED_AUDIT_SQL = `
WITH head AS (SELECT hash FROM audit_record ORDER BY id DESC LIMIT 1),
v AS (
  SELECT nextval(pg_get_serial_sequence('audit_record', 'id')) AS id, now()::timestamptz(3) AS at, $1::text AS kind,
    $2::text AS actor, $3::text AS request_id, $4::text AS action, $5::text AS entity, $6::text AS entity_id,
    $7::text AS org_path, $8::jsonb AS before, $9::jsonb AS after,
    COALESCE((SELECT hash FROM head), '${GENESIS_HASH}') AS prev_hash
)
INSERT INTO audit_record (id, at, kind, actor, request_id, action, entity, entity_id, org_path, before, after, prev_hash, hash)
SELECT id, at, kind, actor, request_id, action, entity, entity_id, org_path, before, after, prev_hash, ${auditHashSql("v")} FROM v
RETURNING id::text AS id`;

/**
 * SQL chaining the rows already in audit_record (id order, from GENESIS_HASH), for the migration that adds
 * the columns: existing records become the start of the chain instead of an unprotected prefix.
 */
export const CHAIN_EXISTING_AUDIT_SQL = `
DO $chain$
DECLARE
  r audit_record%ROWTYPE;
  prev text := '${GENESIS_HASH}';
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_record ORDER BY id LOOP
    r.prev_hash := prev;
    SELECT ${auditHashSql("x")} INTO h FROM (SELECT ${FIELDS.map((f) => `r.${f} AS ${f}`).join(", ")}) x;
    UPDATE audit_record SET prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
END
$chain$;`;

/** What verify found wrong with a record, first one only (the chain after it cannot be trusted). */
export type AuditFaultKind =
  | "unchained" /* no hash: inserted around recordChange */
  | "edited" /* fields do not match its own hash (edited, or moved to another id) */
  | "inserted" /* well-formed, but the next record chains to the one before it */
  | "missing-before" /* chains to a record not found before it: one deleted before it, or records moved */
  | "reordered" /* chains to an earlier record, not to the one before it */
  | "anchor-mismatch" /* the anchored record's hash differs from the anchor (chain rewritten) */
  | "truncated" /* the anchored record is gone (tail deleted) */
  | "anchor-invalid"; /* the anchor's signature does not verify */

export interface AuditFault {
  kind: AuditFaultKind;
  /** The first bad record (for truncated: the anchored id that is missing). */
  id: string;
  message: string;
}

/** A chain head as anchored: the last record's id and hash at a moment. */
export interface ChainHead {
  lastId: string;
  hash: string;
}

export interface VerifyOptions {
  /** The latest trusted (signature-checked) anchor: its record must exist with that hash. */
  anchor?: ChainHead | null;
  /** Rows read per query. */
  pageSize?: number;
}

export interface VerifyResult {
  ok: boolean;
  /** Records checked. */
  records: number;
  /** The chain's head as found (null when the trail is empty). */
  head: ChainHead | null;
  /** Whether the anchor given was found in the chain with its hash. */
  anchorChecked: boolean;
  fault: AuditFault | null;
}

/**
 * Walks audit_record in id order and checks every record's hash and link. Detects an edited record
 * (hash mismatch), a deleted one (the next one's prev_hash names a hash not in the chain), an inserted one
 * (the next record chains to its predecessor) and a reordered one (chains to a record elsewhere); with an
 * anchor, a truncated tail or a rewritten chain. Names the first bad record.
 */
export async function verifyAuditChain(handle: SqlHandle, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const sql = asRawSql(handle);
  const pageSize = opts.pageSize ?? 5000;
  const anchor = opts.anchor ?? null;
  // Every hash seen so far → its id: tells a deletion (unknown hash) from a reorder (known, elsewhere).
  const seen = new Map<string, string>([[GENESIS_HASH, "genesis"]]);
  let prev: { id: string; hash: string } | null = null;
  let beforePrev: { id: string; hash: string } | null = null;
  let records = 0;
  let anchorChecked = false;
  let after = "0";
  const fail = (fault: AuditFault): VerifyResult => ({ ok: false, records, head: prev ? { lastId: prev.id, hash: prev.hash } : null, anchorChecked, fault });
  for (;;) {
    const rows = await sql.$queryRawUnsafe<AuditRowText[]>(
      `SELECT ${AUDIT_ROW_TEXT_COLUMNS} FROM audit_record WHERE id > $1::bigint ORDER BY audit_record.id LIMIT ${pageSize}`,
      after,
    );
    for (const row of rows) {
      records++;
      if (row.hash === null || row.prev_hash === null) {
        return fail({ kind: "unchained", id: row.id, message: `record ${row.id} has no hash: it was not written by recordChange (inserted)` });
      }
      if (auditRecordHash(row) !== row.hash) {
        return fail({ kind: "edited", id: row.id, message: `record ${row.id} does not match its hash: edited (or moved from another id)` });
      }
      const expected = prev?.hash ?? GENESIS_HASH;
      if (row.prev_hash !== expected) {
        if (prev && row.prev_hash === (beforePrev?.hash ?? GENESIS_HASH)) {
          return fail({ kind: "inserted", id: prev.id, message: `record ${prev.id} was inserted: record ${row.id} chains to the record before it` });
        }
        const at = seen.get(row.prev_hash);
        if (at !== undefined) {
          return fail({ kind: "reordered", id: row.id, message: `record ${row.id} chains to record ${at}, not to ${prev?.id ?? "the genesis"}: records were reordered` });
        }
        return fail({ kind: "missing-before", id: row.id, message: `record ${row.id} chains to a record not found before it: a record before it was deleted, or records were moved` });
      }
      if (anchor && row.id === anchor.lastId) {
        if (row.hash !== anchor.hash) {
          return fail({ kind: "anchor-mismatch", id: row.id, message: `record ${row.id} does not match the anchor: the chain was rewritten up to it` });
        }
        anchorChecked = true;
      }
      seen.set(row.hash, row.id);
      beforePrev = prev;
      prev = { id: row.id, hash: row.hash };
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.id;
  }
  if (anchor && !anchorChecked) {
    return fail({
      kind: "truncated",
      id: anchor.lastId,
      message: `record ${anchor.lastId} named by the anchor is missing (chain ends at ${prev?.id ?? "nothing"}): records were deleted from the tail or the anchored one was`,
    });
  }
  return { ok: true, records, head: prev ? { lastId: prev.id, hash: prev.hash } : null, anchorChecked, fault: null };
}

/** The current head (cheap: the last row by id), for anchoring. */
export async function readChainHead(handle: SqlHandle): Promise<ChainHead | null> {
  const rows = await asRawSql(handle).$queryRawUnsafe<{ id: string; hash: string | null }[]>(
    `SELECT id::text AS id, hash FROM audit_record ORDER BY audit_record.id DESC LIMIT 1`,
  );
  const r = rows[0];
  return r && r.hash !== null ? { lastId: r.id, hash: r.hash } : null;
}
