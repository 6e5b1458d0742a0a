import { membershipContract } from "@orgboard/contract-membership";
import { foldedContains, foldSql } from "@orgboard/locale-vi";
import { procedure } from "../procedure.js";
import { orgViewOf, type OrgRecord } from "../records.js";
import { noticeFor, readMarks } from "../restructuring/notice.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { inSubtreesWhere, listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

/** Organizations of a subtree (or of the caller's whole scope), in path order: parents before children. */
export const listOrgsRoute = procedure("membership.organizations.read")
  .input(c.orgs.list.input)
  .output(c.orgs.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const after = decodeCursor(input.cursor, ["string"] as const);
    // The page's ids in raw SQL, for what Prisma Client cannot say: the accent-insensitive search
    // (locale-vi's translate() fold) and the byte-order keyset on the path (COLLATE "C", so parents come
    // before children on every PostgreSQL locale). The records themselves are read through Prisma. Benchmark:
    // bench/small.bench.ts ("orgs.list").
    const p = new Params();
    const where = [inSubtrees("o.path", scope, p)];
    if (input.kind) where.push(`o.kind = ${p.add(input.kind)}`);
    if (!input.includeClosed) where.push("o.closed_on IS NULL");
    if (input.search) {
      const pattern = p.add(foldedContains(input.search));
      where.push(`(${foldSql("o.name", p)} LIKE ${pattern} OR lower(o.code) LIKE ${pattern})`);
    }
    if (after) where.push(`o.path ~>~ ${p.add(after[0])}`);
    const { rows: ids } = await ctx.db.query<Pick<OrgRecord, "id" | "path">>(
      `SELECT o.id, o.path FROM party_organization o WHERE ${where.join(" AND ")} ORDER BY o.path COLLATE "C" LIMIT ${input.limit + 1}`,
      p.values,
    );
    const pageKeys = ids.slice(0, input.limit);
    const pageIds = pageKeys.map((r) => r.id);
    // Read again under the scope: an organization moved out of it between the two reads (a restructuring's
    // reparent) is left out, never shown at its new path (#14).
    const records = await ctx.prisma.partyOrganization.findMany({ where: { id: { in: pageIds }, ...inSubtreesWhere("path", scope) } });
    const byId = new Map(records.map((o) => [o.id, o]));
    const page = pageIds.flatMap((id) => byId.get(id) ?? []); // one deleted or moved out in between is left out
    const marks = await readMarks(ctx.prisma);
    return { items: page.map((o) => ({ ...orgViewOf(o), restructuring: noticeFor(marks, o.path, "org") })), nextCursor: ids.length > input.limit ? encodeCursor([pageKeys[pageKeys.length - 1]!.path]) : null };
  });
