// Re-seals petitioners' identities with the first key of INSPECTION_DENOUNCER_KEYS (rotation:
// docs/runbooks/rotate-denouncer-keys.md). Batches in id order; a row is written back only if it still
// holds the value that was opened (a concurrent change wins, the next run picks it up); one audit record
// per batch (counts and ids only). A row that does not open is reported, never skipped silently.
import { recordChange } from "@orgboard/events";
import { DenouncerCryptoError, resealDenouncer, type DenouncerKeyring } from "../crypto/denouncer.js";
import type { PrismaClient } from "../generated/prisma/client.js";

export const ROTATE_ACTION = "inspection.petitions.rotate_keys";

export interface RotationResult {
  resealed: number;
  /** Rows sealed with each key id after the run (only the first key's should remain). */
  byKeyId: Record<string, number>;
  /** Rows that could not be opened: altered (`tampered`), damaged (`malformed`) or of a removed key (`unknown_key`). */
  failures: { petitionId: string; reason: DenouncerCryptoError["reason"] }[];
}

export async function rotatePetitionerKeys(prisma: PrismaClient, ring: DenouncerKeyring, opts: { actor: string; batchSize?: number }): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 200;
  const current = ring.current.kid;
  const failures: RotationResult["failures"] = [];
  let resealed = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await prisma.petition.findMany({
      where: { petitionerSealed: { not: null }, petitionerKeyId: { not: current }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, petitionerSealed: true, petitionerKeyId: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const updates: { id: string; from: string; sealed: string; kid: string; oldKid: string | null }[] = [];
    for (const r of rows) {
      try {
        const next = resealDenouncer(ring, r.id, r.petitionerSealed!);
        if (next) updates.push({ id: r.id, from: r.petitionerSealed!, sealed: next.sealed, kid: next.kid, oldKid: r.petitionerKeyId });
      } catch (e) {
        if (!(e instanceof DenouncerCryptoError)) throw e;
        failures.push({ petitionId: r.id, reason: e.reason });
      }
    }
    if (updates.length === 0) continue;
    resealed += await prisma.$transaction(async (tx) => {
      let n = 0;
      for (const u of updates) {
        n += (await tx.petition.updateMany({ where: { id: u.id, petitionerSealed: u.from }, data: { petitionerSealed: u.sealed, petitionerKeyId: u.kid } })).count;
      }
      await recordChange(tx, {
        actor: opts.actor,
        action: ROTATE_ACTION,
        entity: "Petition",
        entityId: "rotation",
        orgPath: "/",
        after: { toKeyId: current, fromKeyIds: [...new Set(updates.map((u) => u.oldKid))].sort(), resealed: n, ids: updates.map((u) => u.id) },
      });
      return n;
    });
  }
  const groups = await prisma.petition.groupBy({ by: ["petitionerKeyId"], where: { petitionerSealed: { not: null } }, _count: { _all: true } });
  const byKeyId = Object.fromEntries(groups.map((g) => [g.petitionerKeyId ?? "?", g._count._all]));
  return { resealed, byKeyId, failures };
}
