// `<service>.audit.search` behind every service's procedure: the audit trail of the caller's scope, newest
// first, keyset-paged by id. Raw SQL like readEvents: audit_record is this package's table in every service.
import { isWithin, minimizeOrgPaths, type AuditRecordView, type AuditSearchInput } from "@orgboard/contracts";
import type { CallerRead } from "./outbox.js";
import { asRawSql, likePrefix, type SqlHandle } from "./sql.js";

/**
 * The subtrees a search covers: the caller's scope, narrowed to `orgPath` when given. Empty when the
 * filter lies outside the scope: the answer is then an empty page, the same as for a subtree without records.
 */
export function auditSearchPrefixes(scope: readonly string[], orgPath?: string): string[] {
  const paths = minimizeOrgPaths(scope);
  if (!orgPath) return paths;
  if (paths.some((p) => isWithin(orgPath, p))) return [orgPath];
  return paths.filter((p) => isWithin(p, orgPath));
}

interface AuditRow {
  id: string;
  at: string;
  kind: "change" | "read";
  actor: string;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  org_path: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

/** Vietnam's offset: `from`/`to` are calendar days there. */
const VN_OFFSET = "+07:00";

export async function searchAudit(
  handle: SqlHandle,
  scope: readonly string[],
  input: Omit<AuditSearchInput, "limit"> & { limit?: number },
): Promise<{ items: AuditRecordView[]; nextCursor: string | null }> {
  const prefixes = auditSearchPrefixes(scope, input.orgPath);
  if (prefixes.length === 0) return { items: [], nextCursor: null };
  const limit = input.limit ?? 50;
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = [`(${prefixes.map((p) => `org_path LIKE ${param(likePrefix(p))}`).join(" OR ")})`];
  if (input.cursor) {
    // A cursor is an id; anything else is treated as the end (no rows), never as an error leaking detail.
    if (!/^\d{1,19}$/.test(input.cursor)) return { items: [], nextCursor: null };
    where.push(`id < ${param(input.cursor)}::bigint`);
  }
  if (input.actor) where.push(`actor = ${param(input.actor)}`);
  if (input.action) where.push(`action = ${param(input.action)}`);
  if (input.entity) where.push(`entity = ${param(input.entity)}`);
  if (input.entityId) where.push(`entity_id = ${param(input.entityId)}`);
  if (input.kind) where.push(`kind = ${param(input.kind)}`);
  if (input.from) where.push(`at >= ${param(`${input.from}T00:00:00${VN_OFFSET}`)}::timestamptz`);
  if (input.to) where.push(`at < (${param(`${input.to}T00:00:00${VN_OFFSET}`)}::timestamptz + interval '1 day')`);
  const rows = await asRawSql(handle).$queryRawUnsafe<AuditRow[]>(
    `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, kind, actor, request_id, action, entity,
            entity_id, org_path, before, after, prev_hash, hash
       FROM audit_record WHERE ${where.join(" AND ")} ORDER BY audit_record.id DESC LIMIT ${limit + 1}`,
    ...values,
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      actor: r.actor,
      requestId: r.request_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      orgPath: r.org_path,
      before: r.before ?? null,
      after: r.after ?? null,
      prevHash: r.prev_hash,
      hash: r.hash,
    })),
    nextCursor: rows.length > limit ? page.at(-1)!.id : null,
  };
}

/** The read record of a search that ran (kind "read"): what was asked and how many records came back, never the records. */
export function auditSearchRead(scope: readonly string[], input: Record<string, unknown> & { orgPath?: string }, returned: number): CallerRead {
  const filters = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
  const orgPath = input.orgPath ?? (scope.length === 1 ? scope[0]! : "/");
  return { entity: "AuditSearch", entityId: "search", orgPath, after: { filters, returned } };
}
