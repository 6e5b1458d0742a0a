import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { inSubtreesWhere } from "../subtrees.js";
import { transferView } from "./transfer-view.js";

const c = membershipContract.procedures;

/** Transfers into and out of a subtree (or the caller's scope), newest first. */
export const listTransfersRoute = procedure("membership.transfers.read")
  .input(c.transfers.list.input)
  .output(c.transfers.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const before = decodeCursor(input.cursor, ["number"] as const);
    const into = inSubtreesWhere("toOrgPath", scope).OR;
    const outOf = inSubtreesWhere("fromOrgPath", scope).OR;
    const rows = await ctx.prisma.transfer.findMany({
      where: {
        OR: input.direction === "in" ? into : input.direction === "out" ? outOf : [...into, ...outOf],
        ...(input.status ? { status: { in: input.status } } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(before ? { id: { lt: before[0] } } : {}),
      },
      include: { member: { select: { fullName: true } } },
      orderBy: { id: "desc" },
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    return {
      items: page.map(({ member, ...t }) => ({ ...transferView(t), memberName: member.fullName })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  });
