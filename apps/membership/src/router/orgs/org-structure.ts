import { membershipContract } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { ORG_KINDS, type OrgKind } from "../../domain/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";
import { findOrg } from "../records.js";
import { noticeFor, readMarks } from "../restructuring/notice.js";
import { inSubtreesWhere } from "../scope.js";

const c = membershipContract.procedures;

/** Structure of a subtree: organizations open on a date by kind (the subtree's root included), and members now. */
export const orgStructureRoute = procedure("membership.organizations.read", { resource: "orgPath" })
  .input(c.orgs.structure.input)
  .output(c.orgs.structure.output)
  .query(async ({ ctx, input }) => {
    if (input.orgPath !== "/") await findOrg(ctx.prisma, input.orgPath);
    const on = input.on ?? ctx.today();
    const day = toDbDate(on);
    const openOn: Prisma.PartyOrganizationWhereInput = {
      AND: [inSubtreesWhere("path", [input.orgPath]), { openedOn: { lte: day } }, { OR: [{ closedOn: null }, { closedOn: { gt: day } }] }],
    };
    const cellsUnder = (parentKind: OrgKind) => ctx.prisma.partyOrganization.count({ where: { ...openOn, kind: "subordinate_cell", parent: { kind: parentKind } } });
    const [orgs, underGrassroots, underPartial, members, marks] = await Promise.all([
      ctx.prisma.partyOrganization.groupBy({ by: ["kind"], where: openOn, _count: { _all: true } }),
      cellsUnder("grassroots_committee"),
      cellsUnder("partial_committee"),
      ctx.prisma.member.groupBy({ by: ["status"], where: { ...inSubtreesWhere("orgPath", [input.orgPath]), status: { in: ["official", "probationary"] } }, _count: { _all: true } }),
      readMarks(ctx.prisma),
    ]);
    const byKind = Object.fromEntries(ORG_KINDS.map((k) => [k, orgs.find((r) => r.kind === k)?._count._all ?? 0])) as Record<OrgKind, number>;
    const official = members.find((r) => r.status === "official")?._count._all ?? 0;
    const probationary = members.find((r) => r.status === "probationary")?._count._all ?? 0;
    return {
      orgPath: input.orgPath,
      on,
      organizations: {
        total: orgs.reduce((a, r) => a + r._count._all, 0),
        byKind,
        grassroots: byKind.grassroots_committee + byKind.grassroots_cell,
        cellsUnderGrassrootsCommittees: underGrassroots,
        cellsUnderPartialCommittees: underPartial,
      },
      members: { official, probationary, total: official + probationary },
      restructuring: noticeFor(marks, input.orgPath, "scope"),
    };
  });
