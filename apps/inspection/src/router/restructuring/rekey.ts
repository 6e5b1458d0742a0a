import { inspectionContract } from "@orgboard/contract-inspection";
import { ROOT_ORG_PATH } from "@orgboard/contracts";
import { applyRekey, REKEY_TRANSACTION_TIMEOUT_MS, rekeyFailure } from "@orgboard/events";
import { FORBIDDEN_MESSAGE } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.restructuring.rekey;

/**
 * Restructuring's saga moves this service's scope keys (docs/restructuring.md "Rekey"): every stored
 * organization path under a move's fromPath goes under its toPath, in one transaction with the stored
 * result (idempotency key), one audit record and the event `inspection.restructuring.rekeyed`. Audit records and
 * events keep the paths they were written with (history).
 */
export const rekeyRoute = procedure("inspection.restructuring.rekey")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    // It moves any subtree: only a caller whose scope is the whole tree (restructuring's account carries "/").
    if (!ctx.can({ orgPath: ROOT_ORG_PATH })) throw new TRPCError({ code: "FORBIDDEN", message: FORBIDDEN_MESSAGE });
    try {
      return await ctx.db.$transaction((tx) => applyRekey(tx, ctx, input, { service: "inspection" }), { timeout: REKEY_TRANSACTION_TIMEOUT_MS });
    } catch (e) {
      throw rekeyFailure(e) ?? e;
    }
  });
