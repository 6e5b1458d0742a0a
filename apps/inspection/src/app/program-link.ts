// A case may carry out a planned program item: the item must exist, be in scope and name the same subject.
import type { Subject } from "./subjects.js";
import { invalid, notFound } from "./errors.js";
import { toDbDate } from "./dates.js";
import { inspectionEvent, type InspectionEvent, type Tx } from "./record.js";
import type { Resource } from "@orgboard/auth";

export async function checkProgramItem(tx: Tx, ctx: { can(r: Resource): boolean }, itemId: string | undefined, subject: Subject): Promise<string | null> {
  if (itemId === undefined) return null;
  const item = await tx.programItem.findUnique({ where: { id: itemId }, include: { program: { select: { ownerOrgPath: true } } } });
  if (!item || !ctx.can({ orgPath: item.program.ownerOrgPath })) throw notFound("programItemId");
  if (item.subjectKind !== subject.kind || item.memberId !== subject.memberId || item.orgId !== subject.orgId) {
    throw invalid("programItemId", "program_item_other_subject", "Nội dung chương trình này về một đối tượng khác", "This program item is about another subject");
  }
  return item.id;
}

/**
 * A case that carries out a program item completes it on the day it concludes (unless the item was
 * completed already): the change and its event go in the case's transaction. Returns the event, if any.
 */
export async function completeLinkedItem(tx: Tx, programItemId: string | null, concludedOn: string, actor: string): Promise<InspectionEvent | null> {
  if (programItemId === null) return null;
  await tx.$executeRaw`SELECT 1 FROM program_item WHERE id = ${programItemId}::uuid FOR UPDATE`;
  const item = await tx.programItem.findUnique({ where: { id: programItemId }, include: { program: { select: { ownerOrgPath: true } } } });
  if (!item || item.completedOn !== null) return null;
  await tx.programItem.update({ where: { id: item.id }, data: { completedOn: toDbDate(concludedOn), completedBy: actor } });
  return inspectionEvent("inspection.program.item_completed", item.program.ownerOrgPath, item.programId, { programId: item.programId, itemId: item.id, completedOn: concludedOn });
}
