// A case may carry out a planned program item: the item must exist, be in scope and name the same subject.
import type { Subject } from "./subjects.js";
import { invalid, notFound } from "./errors.js";
import type { Tx } from "./record.js";
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
