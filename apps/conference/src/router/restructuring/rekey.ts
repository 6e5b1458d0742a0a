import { conferenceContract } from "@orgboard/contract-conference";
import { ROOT_ORG_PATH } from "@orgboard/contracts";
import { applyRekey, asRawSql, REKEY_TRANSACTION_TIMEOUT_MS, rekeyFailure, type SqlHandle } from "@orgboard/events";
import { FORBIDDEN_MESSAGE } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { procedure } from "../procedure.js";

// A site's top_org_path is derived (its path's first segment): recomputed after the rewrite, not moved as a
// prefix (a commune-level move leaves the first segment of the old top path unmatched).
const TOP_ORG_PATH = "conference_site.top_org_path";
async function recomputeTopOrgPath(handle: SqlHandle): Promise<void> {
  await asRawSql(handle).$executeRawUnsafe(
    `UPDATE conference_site SET top_org_path = substring(org_path from '^/[^/]+/')
      WHERE org_path <> '/' AND top_org_path IS DISTINCT FROM substring(org_path from '^/[^/]+/')`,
  );
}

const c = conferenceContract.procedures.restructuring.rekey;

/**
 * Restructuring's saga moves this service's scope keys (docs/restructuring.md "Rekey"): every stored
 * organization path under a move's fromPath goes under its toPath, in one transaction with the stored
 * result (idempotency key), one audit record and the event `conference.restructuring.rekeyed`. Audit records and
 * events keep the paths they were written with (history). A site's `top_org_path` follows its new path.
 */
export const rekeyRoute = procedure("conference.restructuring.rekey")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    // It moves any subtree: only a caller whose scope is the whole tree (restructuring's account carries "/").
    if (!ctx.can({ orgPath: ROOT_ORG_PATH })) throw new TRPCError({ code: "FORBIDDEN", message: FORBIDDEN_MESSAGE });
    try {
      return await ctx.db.$transaction((tx) => applyRekey(tx, ctx, input, { service: "conference", exclude: [TOP_ORG_PATH], afterRewrite: recomputeTopOrgPath }), { timeout: REKEY_TRANSACTION_TIMEOUT_MS });
    } catch (e) {
      throw rekeyFailure(e) ?? e;
    }
  });
