import { ZSearchAuditInput, ZSearchAuditOutput } from "@orgboard/contract-conference";
import { auditSearchPrefixes, auditSearchRead, recordCallerRead, searchAudit } from "@orgboard/events";
import { procedure } from "./procedure.js";

/**
 * The audit trail of the auditor's scope (docs/security.md "Audit trail"), newest first. An `orgPath`
 * outside the scope answers an empty page, like the conference lists; nothing is read then, nothing audited.
 * A search that ran is itself audited (kind "read"): the records' before/after name speakers and chairs.
 */
export const searchAuditRoute = procedure("conference.audit.read")
  .input(ZSearchAuditInput)
  .output(ZSearchAuditOutput)
  .query(async ({ ctx, input }) => {
    if (auditSearchPrefixes(ctx.scope, input.orgPath).length === 0) return { items: [], nextCursor: null };
    const page = await searchAudit(ctx.db, ctx.scope, input);
    await ctx.db.$transaction((tx) => recordCallerRead(tx, ctx, auditSearchRead(ctx.scope, input, page.items.length)));
    return page;
  });
