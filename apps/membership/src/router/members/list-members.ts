import { membershipContract } from "@orgboard/contract-membership";
import { foldedContains, foldSql } from "@orgboard/locale-vi";
import { procedure } from "../procedure.js";
import { MEMBER_COLUMNS, MEMBER_FROM, memberView, type MemberRow } from "../records.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

/** Members of a subtree in Vietnamese name order (keyset pages on the stored sort key), filtered by status. */
export const listMembersRoute = procedure("membership.members.read")
  .input(c.members.list.input)
  .output(c.members.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const after = decodeCursor(input.cursor, ["string", "number"] as const);
    const p = new Params();
    const where = [inSubtrees("m.org_path", scope, p), `m.status = ANY(${p.add(input.status ?? ["probationary", "official"])}::text[])`];
    if (input.search) {
      if (/^\d{4,12}$/.test(input.search)) where.push(`m.national_id LIKE ${p.add(`${input.search}%`)}`);
      else where.push(`${foldSql("m.full_name", p)} LIKE ${p.add(foldedContains(input.search))}`);
    }
    if (after) where.push(`(m.name_sort_key, m.id) > (${p.add(after[0])}, ${p.add(after[1])}::int)`);
    const { rows } = await ctx.db.query<MemberRow & { name_sort_key: string }>(
      `SELECT ${MEMBER_COLUMNS}, m.name_sort_key FROM ${MEMBER_FROM} WHERE ${where.join(" AND ")}
        ORDER BY m.name_sort_key, m.id LIMIT ${input.limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return { items: page.map(memberView), nextCursor: rows.length > input.limit && last ? encodeCursor([last.name_sort_key, last.id]) : null };
  });
