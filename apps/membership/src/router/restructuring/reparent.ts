import { membershipContract } from "@orgboard/contract-membership";
import { bilingual } from "@orgboard/server-kit";
import type { OrgKind } from "../../domain/enums.js";
import { canBeChildOf, childPath, pathDepth } from "../../domain/org-tree.js";
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

/** Moves the organization subtree at `from` to `to` (paths and depths), organizations only. */
async function moveSubtree(tx: Tx, from: string, to: string): Promise<number> {
  const delta = pathDepth(to) - pathDepth(from);
  return tx.$executeRaw`UPDATE party_organization SET path = ${to} || substr(path, ${from.length}::int + 1), depth = depth + ${delta}::int WHERE path LIKE ${`${from}%`}`;
}

/**
 * After the moves: every record's path column follows its organization, by exact old path → new path (a
 * record's path is its organization's path), one statement per column whatever the number of moves.
 */
async function rewriteRecords(tx: Tx, records: Record<string, number>): Promise<void> {
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE restructuring_path_map ON COMMIT DROP AS
    SELECT p.path AS old_path, o.path AS new_path FROM restructuring_path_before p JOIN party_organization o ON o.id = p.id WHERE o.path <> p.path`);
  await tx.$executeRawUnsafe(`CREATE UNIQUE INDEX ON restructuring_path_map (old_path)`);
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
      for (const [i, m] of input.moves.entries()) {
        const field = `moves.${i}`;
        const org = await tx.partyOrganization.findUnique({ where: { code: m.code } });
        if (!org) throw notFound(`${field}.code`, bilingual("không có tổ chức mã này", "no organization with this code"));
        if (org.closedOn) throw conflict(`${field}.code`, "closed", bilingual("tổ chức đã giải thể", "the organization is closed"));
        const parent = await tx.partyOrganization.findUnique({ where: { code: m.toParentCode } });
        if (!parent) throw notFound(`${field}.toParentCode`, bilingual("không có tổ chức cha này", "no such parent organization"));
        if (parent.closedOn) throw conflict(`${field}.toParentCode`, "parent_closed", bilingual("tổ chức cha đã giải thể", "the parent organization is closed"));
        if (parent.path.startsWith(org.path)) throw invalid(`${field}.toParentCode`, "inside_subtree", bilingual("không thể chuyển tổ chức vào chính cây của nó", "cannot move an organization into its own subtree"));
        const kind = (m.kind ?? org.kind) as OrgKind;
        if (!canBeChildOf(kind, parent.kind as OrgKind)) throw invalid(`${field}.toParentCode`, "invalid_parent_kind", bilingual(`${kind} không thể trực thuộc ${parent.kind}`, `a ${kind} cannot be under ${parent.kind}`));
        const toPath = childPath(parent.path, org.code);
        await tx.partyOrganization.update({ where: { id: org.id }, data: { parentId: parent.id, kind } });
        if (toPath !== org.path) records.organizations = (records.organizations ?? 0) + (await moveSubtree(tx, org.path, toPath));
        records.organizationsMoved! += 1;
        moves.push({ code: org.code, fromPath: org.path, toPath });
      }
      await rewriteRecords(tx, records);
      return { records, extra: { moves }, orgPath: commonPath(moves.map((m) => m.toPath)), audit: { moves, kinds: input.moves.filter((m) => m.kind).map((m) => ({ code: m.code, kind: m.kind })) } };
    }),
  );
