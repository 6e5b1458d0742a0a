import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { conflict } from "../../app/errors.js";
import { recordCallerChange } from "../../app/record.js";
import { structureRefusals, throwFirst } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { toCongressView, withCandidates } from "./view.js";

const c = personnelContract.procedures.congress.setStructure;

/** Sets the planned size and structure of the committee the congress elects (before its result). */
export const setStructureRoute = procedure("personnel.congress.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const { congressId, ...structure } = input;
    throwFirst(structureRefusals(structure), "BAD_REQUEST");
    return ctx.db.$transaction(async (tx) => {
      const before = inScope(ctx, await tx.congress.findUnique({ where: { id: congressId }, include: withCandidates }), "congressId");
      if (before.resultPostedAt) throw conflict("congressId", "result_posted", "đại hội đã công bố kết quả bầu cử", "the congress's result is already posted");
      const row = await tx.congress.update({ where: { id: congressId }, data: structure, include: withCandidates });
      const view = toCongressView(row);
      await recordCallerChange(tx, ctx, { entity: "Congress", entityId: row.id, orgPath: row.orgPath, before: { structure: toCongressView(before).structure }, after: { structure: view.structure }, events: [] });
      return view;
    });
  });
