import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { findOrg, orgViewOf } from "../records.js";
import { noticeFor, readMarks } from "../restructuring/notice.js";

const c = membershipContract.procedures;

/** One organization with its child and member counts. */
export const getOrgRoute = procedure("membership.organizations.read", { resource: "orgPath" })
  .input(c.orgs.get.input)
  .output(c.orgs.get.output)
  .query(async ({ ctx, input }) => {
    const org = await findOrg(ctx.prisma, input.orgPath);
    const [children, openChildren, members] = await Promise.all([
      ctx.prisma.partyOrganization.count({ where: { parentId: org.id } }),
      ctx.prisma.partyOrganization.count({ where: { parentId: org.id, closedOn: null } }),
      // The trigger-kept counters (membership-data.md): one row per organization with members.
      ctx.prisma.orgMemberTotal.aggregate({ _sum: { net: true }, where: { orgPath: { startsWith: org.path } } }),
    ]);
    const marks = await readMarks(ctx.prisma);
    return { ...orgViewOf(org), childCount: children, openChildCount: openChildren, memberTotal: members._sum.net ?? 0, restructuring: noticeFor(marks, org.path, "scope") };
  });
