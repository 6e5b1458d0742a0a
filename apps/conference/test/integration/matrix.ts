// The authorization matrix of the conference service: procedure × role × target. The expected cells
// follow from the policy (src/policy.ts) and the scope rules of src/app/access.ts; `renderMatrix()`
// prints the table that docs/security.md carries, and matrix.test.ts checks the docs' table over HTTP.
import { getPolicyRule } from "@orgboard/auth";
import { listProcedures } from "@orgboard/server-kit";
import { appRouter } from "../../src/router/index.js";

// The roles are the platform's own list (packages/auth), so a new role shows up in the matrix at once.
import { ROLES, type Role } from "@orgboard/auth";
export { ROLES, type Role };

/** Where the resource is, seen from a caller whose org_paths is one province ("/01/"). */
export const TARGETS = ["own", "below", "sibling", "country"] as const;
export type Target = (typeof TARGETS)[number];

/** The caller's org_paths: one province, except the national roles, which act on the whole country. */
export const scopeOf = (role: Role): string => (role === "central_board" || role === "service" ? "/" : "/01/");

/**
 * Reads that follow a wider conference through the reader's own sites (readablePrefixes): a provincial
 * reader sees the national conference because it has a site in the province, never a sibling's.
 */
export const READ_THROUGH_SITES = new Set(["get", "list", "sites.list", "sites.byProvince"]);

/** A cell: "all", "—" (refused everywhere), or the targets allowed, comma-separated. */
export type Cell = string;

/** Reads given a subtree wider than the reader's scope answer the reader's part of it (audit.search, like `narrow`). */
export const NARROWING_READS = new Set(["audit.search"]);

export function expectedCell(procedure: string, action: string, role: Role): Cell {
  const rule = getPolicyRule(action);
  if (!rule || !rule.roles.includes(role)) return "—";
  // A row naming its service clients (serviceClients) admits those clients' accounts only; the matrix's
  // `service` caller is no named client (restructuring's own is tested in restructuring-rekey.test.ts).
  if (role === "service" && rule.serviceClients) return "—";
  if (scopeOf(role) === "/") return "all";
  return READ_THROUGH_SITES.has(procedure) || NARROWING_READS.has(procedure) ? "own, below, country" : "own, below";
}

export function targetsOf(cell: Cell): Target[] {
  if (cell === "all") return [...TARGETS];
  if (cell === "—") return [];
  const targets = cell.split(",").map((t) => t.trim());
  for (const t of targets) if (!(TARGETS as readonly string[]).includes(t)) throw new Error(`unknown target "${t}" in matrix cell "${cell}"`);
  return targets as Target[];
}

export const procedures = () => listProcedures(appRouter).map((p) => ({ ...p, name: p.path.replace(/^conference\./, "") }));

export function renderMatrix(): string {
  const header = `| procedure | action | ${ROLES.map((r) => `\`${r}\``).join(" | ")} |`;
  const sep = `|${" --- |".repeat(ROLES.length + 2)}`;
  const rows = procedures().map((p) => `| \`${p.name}\` | \`${p.action}\` | ${ROLES.map((r) => expectedCell(p.name, p.action!, r)).join(" | ")} |`);
  return [header, sep, ...rows].join("\n");
}

/** The conference matrix table from docs/security.md, as procedure → role → cell. */
export function parseDocumentedMatrix(markdown: string): Map<string, { action: string; cells: Record<Role, Cell> }> {
  const section = markdown.split("<!-- conference-matrix:begin -->")[1]?.split("<!-- conference-matrix:end -->")[0];
  if (!section) throw new Error("docs/security.md has no conference matrix (markers conference-matrix:begin/end)");
  const header = section.split("\n").find((l) => l.startsWith("| procedure"));
  if (!header) throw new Error("the conference matrix has no header row");
  const roles = header.split("|").slice(3, -1).map((c) => c.trim().replace(/`/g, "")) as Role[];
  const out = new Map<string, { action: string; cells: Record<Role, Cell> }>();
  for (const line of section.split("\n").filter((l) => l.startsWith("| `"))) {
    const cols = line.split("|").slice(1, -1).map((c) => c.trim());
    const cells = Object.fromEntries(roles.map((r, i) => [r, cols[i + 2] ?? ""])) as Record<Role, Cell>;
    out.set(cols[0]!.replace(/`/g, ""), { action: cols[1]!.replace(/`/g, ""), cells });
  }
  return out;
}
