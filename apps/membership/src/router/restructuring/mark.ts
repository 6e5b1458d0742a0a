import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { idempotentStep, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.mark;

/** Marks (or unmarks) subtrees as being restructured (đang sắp xếp): reads inside them say their figures are not final. */
export const markRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "mark", async (tx) => {
      let changed = 0;
      if (input.moving) {
        const r = await tx.restructuringMark.createMany({ data: input.orgCodes.map((orgCode) => ({ orgCode, idempotencyKey: input.idempotencyKey })), skipDuplicates: true });
        changed = r.count;
      } else {
        changed = (await tx.restructuringMark.deleteMany({ where: { orgCode: { in: input.orgCodes } } })).count;
      }
      return { records: { marks: changed }, orgPath: "/", audit: { orgCodes: input.orgCodes, moving: input.moving } };
    }),
  );
