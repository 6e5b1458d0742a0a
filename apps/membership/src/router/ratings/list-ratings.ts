import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { inSubtreesWhere } from "../subtrees.js";
import { ratingView } from "./rating-view.js";

const c = membershipContract.procedures;

/** The year's ratings of a subtree (members and/or organizations), by id. */
export const listRatingsRoute = procedure("membership.ratings.read")
  .input(c.ratings.list.input)
  .output(c.ratings.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const after = decodeCursor(input.cursor, ["number"] as const);
    const rows = await ctx.prisma.qualityRating.findMany({
      where: {
        year: input.year,
        ...inSubtreesWhere("orgPath", scope),
        ...(input.subjectKind ? { subjectKind: input.subjectKind } : {}),
        ...(input.stage ? { stage: input.stage } : {}),
        ...(input.level ? { level: input.level } : {}),
        ...(after ? { id: { gt: after[0] } } : {}),
      },
      include: { member: { select: { fullName: true } } },
      orderBy: { id: "asc" },
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    // Organizations are named by a second query: a rating's orgId has no relation in the schema.
    const orgIds = page.flatMap((r) => (r.member === null && r.orgId !== null ? [r.orgId] : []));
    const orgs = orgIds.length === 0 ? [] : await ctx.prisma.partyOrganization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } });
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    return {
      items: page.map((r) => ({ ...ratingView(r), subjectName: r.member?.fullName ?? (r.orgId !== null ? orgName.get(r.orgId) : undefined) ?? "" })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  });
