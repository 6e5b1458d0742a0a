// conference.audit.search: the shared audit-search schemas (@orgboard/contracts audit.ts), at this router path.
export { auditSearchInputSchema as ZSearchAuditInput, auditSearchOutputSchema as ZSearchAuditOutput } from "@orgboard/contracts";
export type { AuditSearchInput as SearchAuditInput, AuditSearchOutput as SearchAuditOutput } from "@orgboard/contracts";
