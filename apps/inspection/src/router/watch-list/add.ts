import { inspectionContract } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { toDbDate, todayOf } from "../../app/dates.js";
import { assertNotFuture, notFound } from "../../app/errors.js";
import { conflict } from "../../domain/index.js";
import { watchEntryView } from "../../app/watch-list.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.watchList.add;

/**
 * Puts a case on the inter-agency watch list: an inspection, a discipline decision or a petition of this
 * service (its organization is the entry's scope; one open entry per record), or free text about an
 * organization in the caller's scope.
 */
export const addWatchEntryRoute = procedure("inspection.watchList.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    assertNotFuture("addedOn", input.addedOn, todayOf(ctx));
    const link = input.link;
    let orgPath: string | null;
    let linkId: string | null = null;
    switch (link.kind) {
      case "inspection":
        linkId = link.inspectionId;
        orgPath = (await ctx.db.inspection.findUnique({ where: { id: linkId }, select: { subjectOrgPath: true } }))?.subjectOrgPath ?? null;
        break;
      case "discipline":
        linkId = link.decisionId;
        orgPath = (await ctx.db.disciplineDecision.findUnique({ where: { id: linkId }, select: { subjectOrgPath: true } }))?.subjectOrgPath ?? null;
        break;
      case "petition":
        linkId = link.petitionId;
        orgPath = (await ctx.db.petition.findUnique({ where: { id: linkId }, select: { subjectOrgPath: true } }))?.subjectOrgPath ?? null;
        break;
      case "free_text":
        orgPath = link.orgPath;
        break;
    }
    // A record outside the caller's scope answers like one that does not exist.
    if (orgPath === null || !ctx.can({ orgPath })) throw notFound();
    const entry = await ctx.db.$transaction(async (tx) => {
      if (linkId !== null && (await tx.watchEntry.count({ where: { linkKind: link.kind, linkId, status: "watched" } })) > 0) {
        throw conflict("already_watched", "vụ việc này đang trong danh sách theo dõi", "this case is already on the watch list", "link");
      }
      const created = await tx.watchEntry.create({
        data: { status: "watched", orgPath, linkKind: link.kind, linkId, title: input.title, note: input.note, agencies: input.agencies, addedOn: toDbDate(input.addedOn), addedBy: ctx.principal.subject },
      });
      await recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        {
          entity: "WatchEntry",
          entityId: created.id,
          orgPath,
          after: { status: "watched", linkKind: link.kind, linkId, title: input.title, addedOn: input.addedOn },
          events: [{ type: "inspection.watch.added", payload: { watchId: created.id, addedOn: input.addedOn } }],
        },
      );
      return created;
    });
    return watchEntryView(entry);
  });
