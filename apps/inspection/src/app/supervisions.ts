import type { Tx } from "./record.js";

/** The inspection each supervision became (inspection.supervision_id is the one link). */
export async function inspectionIdsOf(tx: Pick<Tx, "inspection">, supervisionIds: readonly string[]): Promise<Map<string, string>> {
  if (supervisionIds.length === 0) return new Map();
  const rows = await tx.inspection.findMany({ where: { supervisionId: { in: [...supervisionIds] } }, select: { id: true, supervisionId: true } });
  return new Map(rows.map((r) => [r.supervisionId!, r.id]));
}
