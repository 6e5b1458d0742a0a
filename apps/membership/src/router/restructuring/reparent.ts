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

/** Replaces the prefix `from` by `to` in every path column (organization codes hold no LIKE wildcard). */
export async function rewriteSubtree(tx: Tx, from: string, to: string, records: Record<string, number>): Promise<void> {
  const delta = pathDepth(to) - pathDepth(from);
  const like = `${from}%`;
  records.organizations = (records.organizations ?? 0) + (await tx.$executeRaw`UPDATE party_organization SET path = ${to} || substr(path, ${from.length}::int + 1), depth = depth + ${delta}::int WHERE path LIKE ${like}`);
  for (const [table, column] of PATH_COLUMNS) {
    const n = await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1 || substr("${column}", $2::int + 1) WHERE "${column}" LIKE $3`, to, from.length, like);
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
        if (toPath !== org.path) await rewriteSubtree(tx, org.path, toPath, records);
        records.organizationsMoved! += 1;
        moves.push({ code: org.code, fromPath: org.path, toPath });
      }
      return { records, extra: { moves }, orgPath: commonPath(moves.map((m) => m.toPath)), audit: { moves, kinds: input.moves.filter((m) => m.kind).map((m) => ({ code: m.code, kind: m.kind })) } };
    }),
  );
