import { membershipContract, type RestructuringTreeNode } from "@orgboard/contract-membership";
import { Prisma } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";
import { WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.tree;

interface Row {
  code: string;
  path: string;
  parent_code: string | null;
  kind: RestructuringTreeNode["kind"];
  name: string;
  admin_unit_code: string | null;
  closed: boolean;
  members: number;
}

/**
 * The organization tree restructuring derives its changes from (its TreeSource): every organization, open
 * and closed (their codes are taken for ever), with its direct active member count, optionally only the
 * subtrees of some provinces' committees; `moving` for those inside a subtree being restructured.
 */
export const restructuringTreeRoute = procedure("membership.restructuring.read", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const codes = input.provinceCodes;
    const filter =
      codes === undefined
        ? Prisma.empty
        : Prisma.sql`WHERE EXISTS (SELECT 1 FROM party_organization r WHERE r.parent_id IS NULL AND r.admin_unit_code = ANY(${codes}::text[]) AND o.path LIKE r.path || '%')`;
    const [rows, marks] = await Promise.all([
      ctx.prisma.$queryRaw<Row[]>`
        SELECT o.code, o.path, p.code AS parent_code, o.kind, o.name, o.admin_unit_code, (o.closed_on IS NOT NULL) AS closed,
               coalesce(m.n, 0)::int AS members
        FROM party_organization o
        LEFT JOIN party_organization p ON p.id = o.parent_id
        LEFT JOIN (SELECT org_id, count(*)::int AS n FROM member WHERE status IN ('probationary', 'official') GROUP BY org_id) m ON m.org_id = o.id
        ${filter}
        ORDER BY o.path`,
      ctx.prisma.$queryRaw<{ path: string }[]>`SELECT o.path FROM restructuring_mark k JOIN party_organization o ON o.code = k.org_code`,
    ]);
    const moving = marks.map((m) => m.path);
    return {
      organizations: rows.map((r) => ({
        code: r.code,
        path: r.path,
        parentCode: r.parent_code,
        kind: r.kind,
        name: r.name,
        adminUnitCode: r.admin_unit_code,
        closed: r.closed,
        members: r.members,
        moving: moving.some((m) => r.path.startsWith(m)),
      })),
    };
  });
