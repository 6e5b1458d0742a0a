// inspection.audit.search (1.2): the shared audit-search schemas (@orgboard/contracts audit.ts), at this router
// path, as membership's and conference's: the same filters, page and record view in every service.
export { auditSearchInputSchema as searchAuditInputSchema, auditSearchOutputSchema as searchAuditOutputSchema } from "@orgboard/contracts";
export type { AuditSearchInput as SearchAuditInput, AuditSearchOutput as SearchAuditOutput } from "@orgboard/contracts";
