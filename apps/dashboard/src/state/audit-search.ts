// The audit screen's filters → a `<service>.audit.search` input (contract schemas in @orgboard/contracts):
// dates typed dd/mm/yyyy as everywhere in the UI, yyyy-mm-dd on the wire; empty fields are left out.
import type { AuditSearchInput } from "@orgboard/contracts";

export const AUDIT_SERVICES = ["membership", "conference", "inspection"] as const;
export type AuditService = (typeof AUDIT_SERVICES)[number];

export interface AuditFilters {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  kind: "" | "change" | "read";
  /** dd/mm/yyyy */
  from: string;
  /** dd/mm/yyyy */
  to: string;
}

export const EMPTY_FILTERS: AuditFilters = { actor: "", action: "", entity: "", entityId: "", kind: "", from: "", to: "" };

/** `05/12/2026` → `2026-12-05`; null when it is not a calendar date. */
export function isoFromVi(value: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** The input for one page, or the name of the first filter that is not valid. */
export function auditSearchInput(f: AuditFilters, cursor: string | null, limit = 50): { input: AuditSearchInput } | { invalid: "from" | "to" } {
  const input: AuditSearchInput = { limit, cursor };
  for (const k of ["actor", "action", "entity", "entityId"] as const) if (f[k].trim()) input[k] = f[k].trim();
  if (f.kind) input.kind = f.kind;
  for (const k of ["from", "to"] as const) {
    if (!f[k].trim()) continue;
    const iso = isoFromVi(f[k]);
    if (!iso) return { invalid: k };
    input[k] = iso;
  }
  return { input };
}
