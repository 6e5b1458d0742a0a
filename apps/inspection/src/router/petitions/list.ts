import { inspectionContract } from "@orgboard/contract-inspection";
import { scopeWhere } from "../../app/access.js";
import { recordReads } from "../../app/audit.js";
import { todayOf } from "../../app/dates.js";
import { petitionSummary } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.list;

/**
 * Petitions about subjects in a subtree, confined to the caller's scope (outside it: an empty page, like
 * an empty subtree), newest first; never a petitioner. Each petition returned is an audited read.
 */
export const listPetitionsRoute = procedure("inspection.petitions.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { where } = scopeWhere(ctx, input.orgPath);
    const rows = await ctx.db.petition.findMany({
      where: {
        ...where,
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.status ? { status: input.status } : {}),
        // uuid v7 ids grow with time: "before the cursor" is "older".
        ...(input.cursor ? { id: { lt: input.cursor } } : {}),
      },
      orderBy: { id: "desc" },
      take: input.limit + 1,
      include: { assignments: true },
    });
    const page = rows.slice(0, input.limit);
    await recordReads(ctx.db, { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action }, "Petition", page, "list");
    const viewer = { subject: ctx.principal.subject, today: todayOf(ctx) };
    return { items: page.map((r) => petitionSummary(r, viewer)), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
