import { membershipContract } from "@orgboard/contract-membership";
import { selectFields } from "../../db/rows.js";
import type { Member, Transfer } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";
import { TRANSFER_FIELDS, transferView, type TransferRow } from "./transfer-view.js";

const c = membershipContract.procedures;

// Raw SQL by measurement (#12): a keyset page over the subtree ranges, one query with the member's name.
// bench/small.bench.ts (transfers.list) measured Prisma's findMany + include at 3–4× this (two queries,
// LIKE instead of the text_pattern_ops range). Columns and row type from the Prisma model (db/rows.ts).
const COLUMNS = selectFields<Transfer>("t", TRANSFER_FIELDS);

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
    const { rows } = await ctx.db.query<TransferRow & { memberName: Member["fullName"] }>(
      `SELECT ${COLUMNS}, m.full_name AS "memberName" FROM transfer t JOIN member m ON m.id = t.member_id
        WHERE ${where.join(" AND ")} ORDER BY t.id DESC LIMIT ${input.limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((r) => ({ ...transferView(r), memberName: r.memberName })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  });
