// One audit record and one outbox event for a whole import (not one per row): the event says what was
// imported and where; consumers reload the affected subtree.
import { recordChange } from "@orgboard/events";
import type { Sql } from "../db/sql.js";

/** Deepest path that contains all the given paths ("/" when they span several top-level committees). */
export function commonAncestor(paths: readonly string[]): string {
  if (paths.length === 0) return "/";
  let prefix = paths[0]!;
  for (const p of paths) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf("/", prefix.length - 2) + 1);
  }
  return prefix;
}

export interface ImportRecord {
  importId: string;
  actor: string;
  requestId: string | null;
  entity: string;
  action: string;
  eventType: string;
  paths: readonly string[];
  summary: Record<string, unknown>;
}

export async function recordImport(tx: Sql, r: ImportRecord): Promise<{ orgPath: string; eventId: string | null }> {
  const orgPath = commonAncestor(r.paths);
  const { eventId } = await recordChange(
    tx,
    {
      actor: r.actor,
      requestId: r.requestId,
      action: r.action,
      entity: `${r.entity}Import`,
      entityId: r.importId,
      orgPath,
      after: r.summary,
    },
    { type: r.eventType, payload: { importId: r.importId, orgPath, ...r.summary } },
  );
  return { orgPath, eventId };
}
