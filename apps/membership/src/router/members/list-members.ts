import { membershipContract } from "@orgboard/contract-membership";
import { foldedContains, foldSql } from "@orgboard/locale-vi";
import { procedure } from "../procedure.js";
import { MEMBER_WITH_ORG, memberViewOf, type MemberRecord } from "../records.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { inSubtreesWhere, listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

/** Members of a subtree in Vietnamese name order (keyset pages on the stored sort key), filtered by status. */
export const listMembersRoute = procedure("membership.members.read")
  .input(c.members.list.input)
  .output(c.members.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const after = decodeCursor(input.cursor, ["string", "number"] as const);
    // The page's keys in raw SQL: the keyset on (name_sort_key, id) — the Vietnamese-order index
    // member_name_sort_key_id_idx, walked as one row-value comparison — and the accent-insensitive name
    // search (locale-vi's translate() fold), which Prisma Client cannot express. The row type is Prisma's.
    // The members are then read through Prisma. Benchmark: bench/small.bench.ts ("members.list").
    const p = new Params();
    const where = [inSubtrees("m.org_path", scope, p), `m.status = ANY(${p.add(input.status ?? ["probationary", "official"])}::text[])`];
    if (input.search) {
      if (/^\d{4,12}$/.test(input.search)) where.push(`m.national_id LIKE ${p.add(`${input.search}%`)}`);
      else where.push(`${foldSql("m.full_name", p)} LIKE ${p.add(foldedContains(input.search))}`);
    }
    if (after) where.push(`(m.name_sort_key, m.id) > (${p.add(after[0])}, ${p.add(after[1])}::int)`);
    const { rows: keys } = await ctx.db.query<Pick<MemberRecord, "id" | "nameSortKey">>(
      `SELECT m.id, m.name_sort_key AS "nameSortKey" FROM member m WHERE ${where.join(" AND ")}
        ORDER BY m.name_sort_key, m.id LIMIT ${input.limit + 1}`,
      p.values,
    );
    const pageKeys = keys.slice(0, input.limit);
    // The records are read again under the scope: a member moved out of it between the two reads (a transfer,
    // a restructuring's reparent) is left out, never shown at its new path (#14).
    const records = await ctx.prisma.member.findMany({ where: { id: { in: pageKeys.map((k) => k.id) }, ...inSubtreesWhere("orgPath", scope) }, include: MEMBER_WITH_ORG });
    const byId = new Map(records.map((m) => [m.id, m]));
    const page = pageKeys.flatMap((k) => byId.get(k.id) ?? []); // one deleted or moved out in between is left out
    const last = pageKeys[pageKeys.length - 1];
    return { items: page.map(memberViewOf), nextCursor: keys.length > input.limit && last ? encodeCursor([last.nameSortKey, last.id]) : null };
  });
