import { personnelContract } from "@orgboard/contract-personnel";
import { toDbDate } from "../../app/dates.js";
import { conflict, notFound } from "../../app/errors.js";
import { personnelEvent, recordCallerChange } from "../../app/record.js";
import { procedure } from "../procedure.js";
import { toCongressView, withCandidates } from "./view.js";

const c = personnelContract.procedures.congress.create;

/** Plans the congress of an organization for a term (one per organization and term). */
export const createCongressRoute = procedure("personnel.congress.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: input.orgPath })) throw notFound("orgPath");
    return ctx.db.$transaction(async (tx) => {
      const existing = await tx.congress.findUnique({ where: { orgPath_termStartYear: { orgPath: input.orgPath, termStartYear: input.termStartYear } } });
      if (existing) throw conflict("termStartYear", "congress_exists", "tổ chức này đã có đại hội cho nhiệm kỳ này", "this organization already has a congress for this term");
      const row = await tx.congress.create({
        data: { orgPath: input.orgPath, level: input.level, termStartYear: input.termStartYear, termEndYear: input.termEndYear, plannedOn: toDbDate(input.plannedOn), createdBy: ctx.principal.subject },
        include: withCandidates,
      });
      const view = toCongressView(row);
      await recordCallerChange(tx, ctx, {
        entity: "Congress",
        entityId: row.id,
        orgPath: row.orgPath,
        after: view,
        events: [personnelEvent("personnel.congress.created", row.orgPath, row.id, { congressId: row.id, level: input.level, termStartYear: row.termStartYear })],
      });
      return view;
    });
  });
