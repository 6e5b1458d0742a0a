// Every read of a case is audited like a write (docs/inspection.md, "Privacy"): one audit_record row per
// case read, in the same table recordChange writes (one trail for reads and writes, which issue 9's hash
// chain and auditor API then cover alike), action = the read action, before/after null, `after.read` says
// how it was read. A list writes one row per case it returns, in one statement.
import type { Caller } from "@orgboard/events";
import type { PrismaClient } from "../generated/prisma/client.js";

export type ReadKind = "get" | "list" | "subject";

export interface ReadCase {
  id: string;
  subjectOrgPath: string;
}

/** Records that `caller` read these cases (entity: "Inspection", "Supervision", "DisciplineDecision", "Program"). */
export async function recordReads(db: Pick<PrismaClient, "auditRecord">, caller: Caller, entity: string, cases: readonly ReadCase[], how: ReadKind): Promise<void> {
  if (cases.length === 0) return;
  await db.auditRecord.createMany({
    data: cases.map((c) => ({
      actor: caller.principal.subject,
      requestId: caller.requestId ?? null,
      action: caller.action,
      entity,
      entityId: c.id,
      orgPath: c.subjectOrgPath,
      after: { read: how },
    })),
  });
}
