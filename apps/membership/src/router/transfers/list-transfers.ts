import { membershipContract } from "@orgboard/contract-membership";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";
import { TRANSFER_COLUMNS, transferView, type TransferRow } from "./transfer-view.js";

const c = membershipContract.procedures;

/** Transfers into and out of a subtree (or the caller's scope), newest first. */
export const listTransfersRoute = procedure("membership.transfers.read")
  .input(c.transfers.list.input)
  .output(c.transfers.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const before = decodeCursor(input.cursor, ["number"] as const);
    const p = new Params();
    const into = () => inSubtrees("t.to_org_path", scope, p);
    const outOf = () => inSubtrees("t.from_org_path", scope, p);
    const where = [input.direction === "in" ? into() : input.direction === "out" ? outOf() : `(${into()} OR ${outOf()})`];
    if (input.status) where.push(`t.status = ANY(${p.add(input.status)}::text[])`);
    if (input.kind) where.push(`t.kind = ${p.add(input.kind)}`);
    if (before) where.push(`t.id < ${p.add(before[0])}::int`);
    const { rows } = await ctx.db.query<TransferRow & { member_name: string }>(
      `SELECT ${TRANSFER_COLUMNS}, m.full_name AS member_name FROM transfer t JOIN member m ON m.id = t.member_id
        WHERE ${where.join(" AND ")} ORDER BY t.id DESC LIMIT ${input.limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((r) => ({ ...transferView(r), memberName: r.member_name })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  });
