import type { TransferView } from "@orgboard/contract-membership";
import type { Sql } from "../../db/sql.js";
import type { TransferKind, TransferStatus } from "../../domain/enums.js";
import { notFound } from "../errors.js";

export interface TransferRow {
  id: number;
  member_id: number;
  kind: TransferKind;
  status: TransferStatus;
  from_org_id: number | null;
  from_org_path: string | null;
  to_org_id: number | null;
  to_org_path: string | null;
  to_description: string | null;
  requested_on: string;
  issued_on: string | null;
  received_on: string | null;
  returned_on: string | null;
}

export const TRANSFER_COLUMNS = "t.id, t.member_id, t.kind, t.status, t.from_org_id, t.from_org_path, t.to_org_id, t.to_org_path, t.to_description, t.requested_on, t.issued_on, t.received_on, t.returned_on";

export function transferView(r: TransferRow): TransferView {
  return {
    id: r.id,
    memberId: r.member_id,
    kind: r.kind,
    status: r.status,
    fromOrgPath: r.from_org_path,
    toOrgPath: r.to_org_path,
    toDescription: r.to_description,
    requestedOn: r.requested_on,
    issuedOn: r.issued_on,
    receivedOn: r.received_on,
    returnedOn: r.returned_on,
  };
}

export async function loadTransfer(tx: Sql, id: number, lock = false): Promise<TransferRow> {
  const { rows } = await tx.query<TransferRow>(`SELECT ${TRANSFER_COLUMNS} FROM transfer t WHERE t.id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  if (!rows[0]) throw notFound("transferId", `no transfer has the id ${id}`);
  return rows[0];
}

/** The side that acts on a transfer: the receiving organization when it is in this system, else the sender. */
export function actingPath(t: Pick<TransferRow, "to_org_path" | "from_org_path">, side: "receiver" | "sender"): string {
  const path = side === "receiver" ? (t.to_org_path ?? t.from_org_path) : (t.from_org_path ?? t.to_org_path);
  return path ?? "/";
}
