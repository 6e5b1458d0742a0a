import { membershipContract } from "@orgboard/contract-membership";
import { bilingual } from "@orgboard/server-kit";
import type { OrgKind } from "../../domain/enums.js";
import { canBeChildOf, childPath } from "../../domain/org-tree.js";
import { conflict, invalid, notFound } from "../errors.js";
import { procedure } from "../procedure.js";
import type { Tx } from "../records.js";
import { commonPath, idempotentStep, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.reparent;

/**
 * Every column that holds an organization path as a scope key, rewritten with the subtree. Not rewritten:
 * audit_record and outbox_event (history: what happened where, then), closed_year (a year's report as
 * published, under the structure of that day); org_year_stat and org_member_total follow by themselves
 * (their statement triggers move the counts when membership_period, admission, party_card, badge_award and
 * quality_rating change path).
 */
export const PATH_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ["member", "org_path"],
  ["membership_period", "org_path"],
  ["admission_candidate", "org_path"],
  ["admission", "org_path"],
  ["party_card", "org_path"],
  ["transfer", "from_org_path"],
  ["transfer", "to_org_path"],
  ["badge_award", "org_path"],
  ["removal", "org_path"],
  ["death", "org_path"],
  ["quality_rating", "org_path"],
  ["target", "org_path"],
];

/**
 * Moves the subtrees of `roots` (each organization's path before the step → after all its moves), in one
 * statement: every organization goes with the deepest root it was under before the step (a root's final
 * path already includes what later moves did to its new ancestors). Each root's subtree is found by a range
 * on the path index (text_pattern_ops: [root, root with its last "/" raised to "0")). Paths stay unique at
 * every row: a path ends with its organization's own (unique) code.
 */
async function moveSubtrees(tx: Tx, roots: readonly { from: string; to: string }[]): Promise<number> {
  if (roots.length === 0) return 0;
  return tx.$executeRaw`
    WITH r AS (SELECT * FROM unnest(${roots.map((r) => r.from)}::text[], ${roots.map((r) => r.to)}::text[]) AS t(old_root, new_root)),
    hit AS (
      SELECT DISTINCT ON (o.id) o.id, r.old_root, r.new_root
      FROM r CROSS JOIN LATERAL (
        SELECT p.id FROM party_organization p WHERE p.path ~>=~ r.old_root AND p.path ~<~ (left(r.old_root, -1) || '0')
      ) o
      ORDER BY o.id, length(r.old_root) DESC)
    UPDATE party_organization o
    SET path = h.new_root || substr(o.path, length(h.old_root) + 1),
        depth = o.depth + (length(h.new_root) - length(replace(h.new_root, '/', ''))) - (length(h.old_root) - length(replace(h.old_root, '/', '')))
    FROM hit h WHERE o.id = h.id`;
}

/**
 * After the moves: every record's path column follows its organization, by exact old path → new path (a
 * record's path is its organization's path), one statement per column whatever the number of moves.
 */
async function rewriteRecords(tx: Tx, records: Record<string, number>): Promise<void> {
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE restructuring_path_map ON COMMIT DROP AS
    SELECT p.path AS old_path, o.path AS new_path FROM restructuring_path_before p JOIN party_organization o ON o.id = p.id WHERE o.path <> p.path`);
  await tx.$executeRawUnsafe(`CREATE UNIQUE INDEX ON restructuring_path_map (old_path)`);
  // A temporary table has no statistics: without them the planner guesses its size and may read each
  // record table whole instead of looking the (few thousand) old paths up in its path index.
  await tx.$executeRawUnsafe(`ANALYZE restructuring_path_map`);
  for (const [table, column] of PATH_COLUMNS) {
    const n = await tx.$executeRawUnsafe(`UPDATE "${table}" t SET "${column}" = m.new_path FROM restructuring_path_map m WHERE t."${column}" = m.old_path`);
    const key = column === "org_path" ? table : `${table}.${column}`;
    records[key] = (records[key] ?? 0) + n;
  }
}

/**
 * Moves organizations under another parent with their whole subtree, in order (each move reads the paths
 * as the previous ones left them): the organization's parent (and kind, if given), then the paths of every
 * organization and record under it. Answers the moves (old → new path) the other services' rekeys follow.
 */
export const reparentRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "reparent", async (tx) => {
      const records: Record<string, number> = { organizationsMoved: 0 };
      const moves: { code: string; fromPath: string; toPath: string }[] = [];
      // Every organization's path before the step: the records follow by exact path once all moves are made.
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE restructuring_path_before ON COMMIT DROP AS SELECT id, path FROM party_organization`);
      // The organizations the moves name, read once; the moves run on this copy in order (each sees the paths
      // the previous ones left), then the database is written in three statements whatever their number
      // (a province's run moves thousands of cells: one round trip each was most of its time).
      const named = [...new Set(input.moves.flatMap((m) => [m.code, m.toParentCode]))];
      const rows = await tx.partyOrganization.findMany({ where: { code: { in: named } }, select: { id: true, code: true, path: true, kind: true, closedOn: true, parentId: true } });
      const now = new Map(rows.map((r) => [r.code, { ...r }]));
      const before = new Map(rows.map((r) => [r.code, r.path]));
      const changed = new Map<number, { parentId: number; kind: string }>();
      const rooted = new Set<string>();
      for (const [i, m] of input.moves.entries()) {
        const field = `moves.${i}`;
        const org = now.get(m.code);
        if (!org) throw notFound(`${field}.code`, bilingual("không có tổ chức mã này", "no organization with this code"));
        if (org.closedOn) throw conflict(`${field}.code`, "closed", bilingual("tổ chức đã giải thể", "the organization is closed"));
        const parent = now.get(m.toParentCode);
        if (!parent) throw notFound(`${field}.toParentCode`, bilingual("không có tổ chức cha này", "no such parent organization"));
        if (parent.closedOn) throw conflict(`${field}.toParentCode`, "parent_closed", bilingual("tổ chức cha đã giải thể", "the parent organization is closed"));
        if (parent.path.startsWith(org.path)) throw invalid(`${field}.toParentCode`, "inside_subtree", bilingual("không thể chuyển tổ chức vào chính cây của nó", "cannot move an organization into its own subtree"));
        const kind = (m.kind ?? org.kind) as OrgKind;
        if (!canBeChildOf(kind, parent.kind as OrgKind)) throw invalid(`${field}.toParentCode`, "invalid_parent_kind", bilingual(`${kind} không thể trực thuộc ${parent.kind}`, `a ${kind} cannot be under ${parent.kind}`));
        const fromPath = org.path;
        const toPath = childPath(parent.path, org.code);
        org.parentId = parent.id;
        org.kind = kind;
        changed.set(org.id, { parentId: parent.id, kind });
        if (toPath !== fromPath) {
          for (const o of now.values()) if (o.path.startsWith(fromPath)) o.path = toPath + o.path.slice(fromPath.length);
          rooted.add(org.code);
        }
        records.organizationsMoved! += 1;
        moves.push({ code: org.code, fromPath, toPath });
      }
      if (changed.size > 0) {
        const ids = [...changed.keys()];
        await tx.$executeRaw`UPDATE party_organization o SET parent_id = t.parent_id, kind = t.kind
          FROM unnest(${ids}::int[], ${ids.map((id) => changed.get(id)!.parentId)}::int[], ${ids.map((id) => changed.get(id)!.kind)}::text[]) AS t(id, parent_id, kind)
          WHERE o.id = t.id`;
      }
      const roots = [...rooted].map((code) => ({ from: before.get(code)!, to: now.get(code)!.path })).filter((r) => r.from !== r.to);
      if (roots.length > 0) records.organizations = await moveSubtrees(tx, roots);
      await rewriteRecords(tx, records);
      return { records, extra: { moves }, orgPath: commonPath(moves.map((m) => m.toPath)), audit: { moves, kinds: input.moves.filter((m) => m.kind).map((m) => ({ code: m.code, kind: m.kind })) } };
    }),
  );
