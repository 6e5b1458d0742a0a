import { personnelContract } from "@orgboard/contract-personnel";
import { scopeWhere } from "../../app/access.js";
import { invalid } from "../../app/errors.js";
import { recordCadreReads } from "../../app/record.js";
import { cadreInclude, toCadreView } from "../../app/views.js";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.cadres.list;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cadre files of a subtree inside the caller's scope, in id order; every file returned is an audited read. */
export const listCadresRoute = procedure("personnel.cadres.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const { prefixes, where } = scopeWhere(ctx, input.orgPath);
    if (prefixes.length === 0) return { items: [], nextCursor: null };
    if (input.cursor && !UUID.test(input.cursor)) throw invalid("cursor", "bad_cursor", "con trỏ trang không hợp lệ", "is not a page cursor from this list");
    return ctx.db.$transaction(async (tx) => {
      const rows = await tx.cadre.findMany({
        where: { ...where, ...(input.cursor ? { id: { gt: input.cursor } } : {}) },
        orderBy: { id: "asc" },
        take: input.limit + 1,
        include: cadreInclude,
      });
      const page = rows.slice(0, input.limit);
      await recordCadreReads(tx, ctx, page, "list");
      return { items: page.map(toCadreView), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
    });
  });
