import { ZSearchAuditInput, ZSearchAuditOutput } from "@orgboard/contract-conference";
import { auditSearchPrefixes, recordCallerRead, searchAudit } from "@orgboard/events";
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
    const orgPath = input.orgPath ?? (ctx.scope.length === 1 ? ctx.scope[0]! : "/");
    const filters = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
    await ctx.db.$transaction((tx) => recordCallerRead(tx, ctx, { entity: "AuditSearch", entityId: "search", orgPath, after: { filters, returned: page.items.length } }));
    return page;
  });
