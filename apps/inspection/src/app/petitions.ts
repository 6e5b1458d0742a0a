// Complaints and denunciations (docs/inspection.md, "Complaints and denunciations"): rows → views, the
// petitioner's protection (docs/security.md, "Denouncer protection"), audited reads. The rules
// themselves (deadlines in working days, what is not handled) are the domain's.
import type { PetitionerView, PetitionNotHandledReason, PetitionOutcome, PetitionSettlementLevel, PetitionSummary, PetitionView } from "@orgboard/contract-inspection";
import type { PetitionKind, PetitionStatus, SubjectKind } from "@orgboard/contract-inspection";
import { recordCallerChange, type SqlHandle } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { NOT_HANDLED_REASONS } from "../domain/petitions.js";
import { DenouncerCryptoError, openDenouncer, type DenouncerKeyring } from "../crypto/denouncer.js";
import type { Petition, PetitionAssignment, Prisma } from "../generated/prisma/client.js";
import { fromDbDate, fromDbDateOrNull } from "./dates.js";
import { notFound } from "./errors.js";

export type PetitionRow = Petition & { assignments: PetitionAssignment[] };

/** Who is asking, as the views need it. */
export interface Viewer {
  subject: string;
  today: string;
}

/** Late: settled after its deadline, or still open past it today. Not handled ⇒ never late. */
export function isLate(row: Pick<Petition, "dueOn" | "settledOn" | "status">, today: string): boolean {
  if (!row.dueOn) return false;
  const due = fromDbDate(row.dueOn);
  if (row.settledOn) return fromDbDate(row.settledOn) > due;
  return row.status !== "not_handled" && today > due;
}

export function petitionSummary(row: PetitionRow, viewer: Viewer): PetitionSummary {
  return {
    id: row.id,
    kind: row.kind as PetitionKind,
    status: row.status as PetitionStatus,
    orgPath: row.subjectOrgPath,
    subjectKind: row.subjectKind as SubjectKind,
    memberId: row.memberId,
    orgId: row.orgId,
    subjectName: row.subjectName,
    receivedOn: fromDbDate(row.receivedOn),
    anonymous: row.anonymous,
    handlerOrgPath: row.handlerOrgPath,
    level: row.level as PetitionSettlementLevel,
    notHandledReason: row.notHandledReason as PetitionNotHandledReason | null,
    notHandledMessage: row.notHandledReason ? (NOT_HANDLED_REASONS[row.notHandledReason]?.message ?? null) : null,
    dueOn: fromDbDateOrNull(row.dueOn),
    extendedOn: fromDbDateOrNull(row.extendedOn),
    startedOn: fromDbDateOrNull(row.startedOn),
    settledOn: fromDbDateOrNull(row.settledOn),
    late: isLate(row, viewer.today),
    assignedToMe: row.assignments.some((a) => a.userId === viewer.subject),
  };
}

/**
 * The petitioner as this viewer may see it. Only an inspector assigned to the petition opens the sealed
 * identity; the caller's role and scope were checked before (the procedure's action).
 */
export function petitionerFor(row: PetitionRow, viewer: Viewer, keys: DenouncerKeyring | undefined): PetitionerView {
  if (row.anonymous || row.petitionerSealed === null) return { visibility: "anonymous" };
  if (!row.assignments.some((a) => a.userId === viewer.subject)) return { visibility: "protected" };
  try {
    return { visibility: "shown", identity: openDenouncer(requireKeys(keys), row.id, row.petitionerSealed) };
  } catch (e) {
    // Never a partial or wrong identity: the inspector gets an error, the operator the reason (runbook).
    if (e instanceof DenouncerCryptoError) {
      throw new TRPCError({
        code: "INTERNAL_SERVER_ERROR",
        message: bilingual("không mở được thông tin người gửi đơn; báo quản trị hệ thống", "the petitioner's identity could not be opened; tell the operators"),
        cause: e,
      });
    }
    throw e;
  }
}

export function petitionView(row: PetitionRow, viewer: Viewer, keys: DenouncerKeyring | undefined): PetitionView {
  return {
    ...petitionSummary(row, viewer),
    content: row.content,
    decisionId: row.decisionId,
    petitioner: petitionerFor(row, viewer, keys),
    assignees: row.assignments
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name, "vi"))
      .map((a) => ({ userId: a.userId, name: a.name, assignedOn: fromDbDate(a.assignedOn), assignedBy: a.assignedBy })),
    outcome: row.outcome as PetitionOutcome | null,
    conclusion: row.conclusion,
    receivedBy: row.receivedBy,
  };
}

export function requireKeys(keys: DenouncerKeyring | undefined): DenouncerKeyring {
  if (!keys) {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: bilingual("chưa cấu hình khóa mã hóa người gửi đơn (INSPECTION_DENOUNCER_KEYS)", "the petitioner encryption keys are not configured (INSPECTION_DENOUNCER_KEYS)"),
    });
  }
  return keys;
}

type Db = Pick<Prisma.TransactionClient, "petition">;

/** The petition if the caller may act on it; otherwise the one NOT_FOUND (outside scope = does not exist). */
export async function loadPetition(db: Db, id: string, can: (r: { orgPath: string }) => boolean): Promise<PetitionRow> {
  const row = await db.petition.findUnique({ where: { id }, include: { assignments: true } });
  if (!row || !can({ orgPath: row.subjectOrgPath })) throw notFound();
  return row;
}

/**
 * One petition read (`get`), on the audit trail like app/audit.ts's reads (`after.read`), with whether
 * the petitioner was shown: "who saw the denouncer of X" is one query.
 */
export function auditRead(
  handle: SqlHandle,
  caller: { principal: { subject: string }; requestId: string; action: string },
  read: { entity: string; entityId: string; orgPath: string; what: Record<string, unknown> },
) {
  return recordCallerChange(handle, caller, { entity: read.entity, entityId: read.entityId, orgPath: read.orgPath, after: { read: "get", ...read.what } });
}
