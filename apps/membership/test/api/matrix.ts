// The authorization matrix of the membership service: procedure × role × target. The expected cells
// follow from the policy (src/policy.ts) and one scope rule; `renderMatrix()` prints the table that
// docs/security.md carries, and matrix.test.ts checks the docs' table against the service over HTTP.
import { getPolicyRule } from "@orgboard/auth";
import { listProcedures } from "@orgboard/server-kit";
import { appRouter } from "../../src/router/index.js";
import { ROLES, type HumanRole } from "./harness.js";

/** Where the resource is, seen from a caller whose org_paths is one province ("/01/"). */
export const TARGETS = ["own", "below", "sibling", "country"] as const;
export type Target = (typeof TARGETS)[number];

/** Procedures that address a record by id: no record lives at the root, so "country" does not apply. */
export const RECORD_PROCEDURES = new Set([
  "members.get", "members.update", "members.history",
  "admissions.admit", "admissions.recognize",
  "cards.issue",
  "transfers.request", "transfers.complete", "transfers.cancel", "transfers.return",
  "badges.propose", "badges.award",
  "removals.remove", "removals.recordDeath",
  "ratings.appraise", "ratings.approve",
]);

export type Cell = "all" | "own, below" | "—";

/** The documented cell of a role for an action: central_board acts on "/" (everything), others on their subtree. */
export function expectedCell(action: string, role: HumanRole): Cell {
  const rule = getPolicyRule(action);
  if (!rule || !rule.roles.includes(role)) return "—";
  return role === "central_board" ? "all" : "own, below";
}

export function targetsOf(cell: Cell, procedure: string): Target[] {
  const applicable = TARGETS.filter((t) => !(t === "country" && RECORD_PROCEDURES.has(procedure)));
  if (cell === "—") return [];
  if (cell === "all") return applicable;
  return applicable.filter((t) => t === "own" || t === "below");
}

export function renderMatrix(): string {
  const header = `| procedure | action | ${ROLES.map((r) => `\`${r}\``).join(" | ")} |`;
  const sep = `|${" --- |".repeat(ROLES.length + 2)}`;
  const rows = listProcedures(appRouter).map((p) => {
    const name = p.path.replace(/^membership\./, "");
    return `| \`${name}\` | \`${p.action}\` | ${ROLES.map((r) => expectedCell(p.action!, r)).join(" | ")} |`;
  });
  return [header, sep, ...rows].join("\n");
}

/** The membership matrix table from docs/security.md, as procedure → role → cell. */
export function parseDocumentedMatrix(markdown: string): Map<string, { action: string; cells: Record<HumanRole, Cell> }> {
  const section = markdown.split("<!-- membership-matrix:begin -->")[1]?.split("<!-- membership-matrix:end -->")[0];
  if (!section) throw new Error("docs/security.md has no membership matrix (markers membership-matrix:begin/end)");
  const lines = section.split("\n").filter((l) => l.startsWith("| `"));
  const header = section.split("\n").find((l) => l.startsWith("| procedure"));
  const roles = header!.split("|").slice(3, -1).map((c) => c.trim().replace(/`/g, "")) as HumanRole[];
  const out = new Map<string, { action: string; cells: Record<HumanRole, Cell> }>();
  for (const line of lines) {
    const cols = line.split("|").slice(1, -1).map((c) => c.trim());
    const cells = Object.fromEntries(roles.map((r, i) => [r, cols[i + 2] as Cell])) as Record<HumanRole, Cell>;
    out.set(cols[0]!.replace(/`/g, ""), { action: cols[1]!.replace(/`/g, ""), cells });
  }
  return out;
}
