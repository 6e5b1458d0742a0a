import { inspectionContract } from "@orgboard/contract-inspection";
import { recordReads } from "../../app/audit.js";
import { notFound } from "../../app/errors.js";
import { toProgramItemView, toProgramSummary } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.programs.get;

/** One program with its items (the read is audited: items name members). */
export const getProgramRoute = procedure("inspection.programs.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const program = await tx.program.findUnique({ where: { id: input.programId }, include: { items: { orderBy: { position: "asc" } } } });
      if (!program || !ctx.can({ orgPath: program.ownerOrgPath })) throw notFound("programId");
      await recordReads(tx, ctx, "Program", [{ id: program.id, subjectOrgPath: program.ownerOrgPath }], "get");
      const completedCount = program.items.filter((i) => i.completedOn !== null).length;
      return { ...toProgramSummary(program, { itemCount: program.items.length, completedCount }), items: program.items.map(toProgramItemView) };
    }),
  );
