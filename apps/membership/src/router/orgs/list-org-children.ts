import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { findOrg, orgViewOf } from "../records.js";
import { noticeFor, readMarks } from "../restructuring/notice.js";
import { decodeCursor, encodeCursor } from "../schemas.js";

const c = membershipContract.procedures;

/** The direct children of an organization (or of the root "/"), by code, with their subtree's member totals. */
export const listOrgChildrenRoute = procedure("membership.organizations.read", { resource: "orgPath" })
  .input(c.orgs.children.input)
  .output(c.orgs.children.output)
  .query(async ({ ctx, input }) => {
    const after = decodeCursor(input.cursor, ["string"] as const);
    const parentId = input.orgPath === "/" ? null : (await findOrg(ctx.prisma, input.orgPath)).id;
    const rows = await ctx.prisma.partyOrganization.findMany({
      where: { parentId, ...(input.includeClosed ? {} : { closedOn: null }), ...(after ? { code: { gt: after[0] } } : {}) },
      orderBy: { code: "asc" },
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    // One indexed sum per child (a page is at most `limit` children) on the trigger-kept counters.
    const [totals, marks] = await Promise.all([
      Promise.all(page.map((o) => ctx.prisma.orgMemberTotal.aggregate({ _sum: { net: true }, where: { orgPath: { startsWith: o.path } } }))),
      readMarks(ctx.prisma),
    ]);
    return {
      // "scope" as orgs.get: a child's member total covers its subtree, so a mark inside it makes it not final
      items: page.map((o, i) => ({ ...orgViewOf(o), memberTotal: totals[i]!._sum.net ?? 0, restructuring: noticeFor(marks, o.path, "scope") })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.code]) : null,
    };
  });
