import { personnelContract } from "@orgboard/contract-personnel";
import { inScope } from "../../app/access.js";
import { recordCadreReads } from "../../app/record.js";
import { cadreInclude, toCadreView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.cadres.get;

/** One cadre file, for the personnel officer whose scope covers it; the read is audited. */
export const getCadreRoute = procedure("personnel.cadres.read")
  .input(c.input)
  .output(c.output)
  .query(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const row = inScope(ctx, await tx.cadre.findUnique({ where: { id: input.cadreId }, include: cadreInclude }), "cadreId");
      await recordCadreReads(tx, ctx, [row], "get");
      return toCadreView(row);
    }),
  );
