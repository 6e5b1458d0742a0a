import { inspectionContract } from "@orgboard/contract-inspection";
import { ROOT_ORG_PATH } from "@orgboard/contracts";
import { conservationCounts } from "@orgboard/events";
import { FORBIDDEN_MESSAGE } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.restructuring.conservation;

/**
 * Restructuring's verify reads it (docs/restructuring.md "Verify"): rows per scope-key table under each
 * given path, and rows still under the paths of closed organizations (0 once a run moved everything).
 * Counts only, no record: nothing personal is read, so no audit record.
 */
export const conservationRoute = procedure("inspection.restructuring.conservation")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    // It counts any subtree: only a caller whose scope is the whole tree (restructuring's account carries "/").
    if (!ctx.can({ orgPath: ROOT_ORG_PATH })) throw new TRPCError({ code: "FORBIDDEN", message: FORBIDDEN_MESSAGE });
    // One transaction: every count from one connection, in order.
    return ctx.db.$transaction((tx) => conservationCounts(tx, input, {}));
  });
