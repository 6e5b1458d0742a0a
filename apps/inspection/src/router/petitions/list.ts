import { inspectionContract } from "@orgboard/contract-inspection";
import { todayOf } from "../../app/dates.js";
import { auditRead, petitionSummary } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.list;

/** Petitions about subjects in a subtree the caller may read, newest first; never a petitioner. Audited. */
export const listPetitionsRoute = procedure("inspection.petitions.read", { resource: "orgPath" })
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.petition.findMany({
      where: {
        subjectOrgPath: { startsWith: input.orgPath },
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
    const viewer = { subject: ctx.principal.subject, today: todayOf(ctx) };
    await auditRead(ctx.db, { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action }, {
      entity: "Petition",
      entityId: "list",
      orgPath: input.orgPath,
      what: { kind: input.kind ?? null, status: input.status ?? null, ids: page.map((r) => r.id) },
    });
    return { items: page.map((r) => petitionSummary(r, viewer)), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
