import { getUnit } from "@orgboard/admin-units";
import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.conservation;

/** The real counts restructuring's verify checks a run against: members per subtree, misplaced members, district committees left. */
export const conservationRoute = procedure("membership.restructuring.read", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const subtrees = await ctx.prisma.$queryRaw<{ code: string; path: string; members: number }[]>`
      SELECT o.code, o.path,
        -- A byte-wise range on the text_pattern_ops index: LIKE with a pattern computed per row cannot use it,
        -- and scanned the whole member table once per code (minutes per province at national scale).
        (SELECT count(*)::int FROM member m WHERE m.status IN ('probationary', 'official')
           AND m.org_path ~>=~ o.path AND m.org_path ~<~ (left(o.path, -1) || '0')) AS members
      FROM party_organization o WHERE o.code = ANY(${input.orgCodes}::text[])`;
    const [totals] = await ctx.prisma.$queryRaw<{ members: number; on_closed: number; on_non_cell: number }[]>`
      SELECT count(*)::int AS members,
             (count(*) FILTER (WHERE o.closed_on IS NOT NULL))::int AS on_closed,
             (count(*) FILTER (WHERE o.closed_on IS NULL AND o.kind NOT IN ('grassroots_cell', 'subordinate_cell')))::int AS on_non_cell
      FROM member m JOIN party_organization o ON o.id = m.org_id
      WHERE m.status IN ('probationary', 'official')`;
    const uppers = await ctx.prisma.partyOrganization.findMany({ where: { kind: "upper_grassroots_committee", closedOn: null, adminUnitCode: { not: null } }, select: { adminUnitCode: true } });
    const byCode = new Map(subtrees.map((s) => [s.code, s]));
    return {
      subtrees: input.orgCodes.map((code) => ({ code, path: byCode.get(code)?.path ?? null, members: byCode.get(code)?.members ?? 0 })),
      members: totals?.members ?? 0,
      onClosed: totals?.on_closed ?? 0,
      onNonCell: totals?.on_non_cell ?? 0,
      districtCommittees: uppers.filter((u) => getUnit("2024", u.adminUnitCode!)?.kind === "district").length,
    };
  });
