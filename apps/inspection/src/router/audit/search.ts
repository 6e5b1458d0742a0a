import { inspectionContract } from "@orgboard/contract-inspection";
import { auditSearchPrefixes, auditSearchRead, recordCallerRead, searchAudit } from "@orgboard/events";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.audit.search;

/**
 * The audit trail of the auditor's scope (docs/security.md "Audit trail"), newest first. An `orgPath` outside
 * the scope answers an empty page, like inspection's lists: nothing is read then, nothing audited. A search
 * that ran is itself audited (kind "read"): the records it returns name cases, subjects and inspectors.
 */
export const searchAuditRoute = procedure("inspection.audit.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    if (auditSearchPrefixes(ctx.scope, input.orgPath).length === 0) return { items: [], nextCursor: null };
    const page = await searchAudit(ctx.db, ctx.scope, input);
    await ctx.db.$transaction((tx) => recordCallerRead(tx, ctx, auditSearchRead(ctx.scope, input, page.items.length)));
    return page;
  });
