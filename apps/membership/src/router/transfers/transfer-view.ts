// The transfer view (its schema: packages/contract-membership/src/transfers/transfer-view.ts) from Prisma's
// Transfer (generated from prisma/schema.prisma), the loader that locks one, and which side acts on it.
import type { TransferView } from "@orgboard/contract-membership";
import { fromDbDate, fromDbDateOrNull } from "@orgboard/db";
import type { TransferKind, TransferStatus } from "../../domain/enums.js";
import type { TransferState } from "../../domain/transfer.js";
import type { EitherReader } from "../../db/rows.js";
import type { Transfer } from "../../generated/prisma/client.js";
import { bilingual } from "@orgboard/server-kit";
import { notFound } from "../errors.js";
import type { Tx } from "../records.js";

/** Every field of a transfer, in the model's order (the raw list selects them by these names). */
export const TRANSFER_FIELDS = [
  "id", "memberId", "kind", "status", "fromOrgId", "fromOrgPath", "toOrgId", "toOrgPath", "toDescription", "fromDescription", "letterNumber",
  "requestedOn", "issuedOn", "receivedOn", "returnedOn",
] as const satisfies readonly (keyof Transfer)[];

/** A transfer as Prisma or the raw list reads it. */
export type TransferRow = EitherReader<Pick<Transfer, (typeof TRANSFER_FIELDS)[number]>>;

export function transferView(t: TransferRow): TransferView {
  return {
    id: t.id,
    memberId: t.memberId,
    kind: t.kind as TransferKind,
    status: t.status as TransferStatus,
    fromOrgPath: t.fromOrgPath,
    toOrgPath: t.toOrgPath,
    toDescription: t.toDescription,
    fromDescription: t.fromDescription,
    letterNumber: t.letterNumber,
    requestedOn: fromDbDate(t.requestedOn),
    issuedOn: fromDbDateOrNull(t.issuedOn),
    receivedOn: fromDbDateOrNull(t.receivedOn),
    returnedOn: fromDbDateOrNull(t.returnedOn),
  };
}

/** The domain's view of a transfer's progress. */
export function transferState(t: Transfer): TransferState {
  const v = transferView(t);
  return { kind: v.kind, status: v.status, requestedOn: v.requestedOn, issuedOn: v.issuedOn, receivedOn: v.receivedOn, returnedOn: v.returnedOn };
}

/**
 * The one answer for a transfer that does not exist AND for one the caller may not act on (#9 finding 5):
 * it names no id and no organization.
 */
export const notFoundTransfer = () => notFound("transferId", bilingual("không có việc chuyển sinh hoạt đảng này trong phạm vi của bạn", "no such transfer in your scope"));

/** The transfer `id`, row-locked until commit (Prisma has no FOR UPDATE), or NOT_FOUND on "transferId". */
export async function loadTransfer(tx: Tx, id: number): Promise<Transfer> {
  await tx.$executeRaw`SELECT 1 FROM transfer WHERE id = ${id} FOR UPDATE`;
  const row = await tx.transfer.findUnique({ where: { id } });
  if (!row) throw notFoundTransfer();
  return row;
}

/** The side that acts on a transfer: the receiving organization when it is in this system, else the sender. */
export function actingPath(t: Pick<Transfer, "toOrgPath" | "fromOrgPath">, side: "receiver" | "sender"): string {
  const path = side === "receiver" ? (t.toOrgPath ?? t.fromOrgPath) : (t.fromOrgPath ?? t.toOrgPath);
  return path ?? "/";
}
