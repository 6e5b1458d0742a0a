// Every read of a case is audited like a write (docs/inspection.md, "Privacy"): one audit_record row per
// case read, of kind "read", on the service's audit hash chain (packages/events recordCallerReads; decision
// 0009), action = the read action, `after.read` says how it was read. A list writes one row per case it
// returns, chained in page order under the service's lock (pages are at most 200 cases).
import { recordCallerReads, type Caller, type RawSqlClient } from "@orgboard/events";

export type ReadKind = "get" | "list" | "subject";

export interface ReadCase {
  id: string;
  subjectOrgPath: string;
}

/** Records that `caller` read these cases (entity: "Inspection", "Supervision", "DisciplineDecision", "Program"). Give it the transaction. */
export async function recordReads(tx: RawSqlClient, caller: Caller, entity: string, cases: readonly ReadCase[], how: ReadKind): Promise<void> {
  if (cases.length === 0) return;
  await recordCallerReads(
    tx,
    caller,
    cases.map((c) => ({ entity, entityId: c.id, orgPath: c.subjectOrgPath, after: { read: how } })),
  );
}
