import { membershipContract } from "@orgboard/contract-membership";
import { auditSearchRead, searchAudit } from "@orgboard/events";
import { auditRead } from "../audit-read.js";
import { procedure } from "../procedure.js";

const c = membershipContract.procedures;

/**
 * The audit trail of the auditor's scope (docs/security.md "Audit trail"): records outside the scope are
 * never returned; an `orgPath` filter outside it is refused (403) like every membership list, whether or not
 * the path exists.
 */
export const searchAuditRoute = procedure("membership.audit.read")
  .input(c.audit.search.input)
  .output(c.audit.search.output)
  .query(async ({ ctx, input }) => {
    if (input.orgPath) ctx.assertCan({ orgPath: input.orgPath });
    const page = await searchAudit(ctx.db, ctx.scope, input);
    // The search shows before/after of member changes (personal data): it is a read, audited on the chain.
    await auditRead(ctx, auditSearchRead(ctx.scope, input, page.items.length));
    return page;
  });
