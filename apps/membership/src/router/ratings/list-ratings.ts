import { membershipContract } from "@orgboard/contract-membership";
import { selectFields } from "../../db/rows.js";
import type { QualityRating } from "../../generated/prisma/client.js";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";
import { RATING_FIELDS, ratingView, type RatingRow } from "./rating-view.js";

const c = membershipContract.procedures;

// Raw SQL by measurement (#12): a keyset page with the subject's name in one query. bench/small.bench.ts
// (ratings.list) measured Prisma's findMany + include + the organizations' names at 2–3× this. Columns and
// row type from the Prisma model (db/rows.ts).
const COLUMNS = selectFields<QualityRating>("r", RATING_FIELDS);

/** The year's ratings of a subtree (members and/or organizations), by id. */
export const listRatingsRoute = procedure("membership.ratings.read")
  .input(c.ratings.list.input)
  .output(c.ratings.list.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const after = decodeCursor(input.cursor, ["number"] as const);
    const p = new Params();
    const where = [`r.year = ${p.add(input.year)}::int`, inSubtrees("r.org_path", scope, p)];
    if (input.subjectKind) where.push(`r.subject_kind = ${p.add(input.subjectKind)}`);
    if (input.stage) where.push(`r.stage = ${p.add(input.stage)}`);
    if (input.level) where.push(`r.level = ${p.add(input.level)}`);
    if (after) where.push(`r.id > ${p.add(after[0])}::int`);
    const { rows } = await ctx.db.query<RatingRow & { subjectName: string }>(
      `SELECT ${COLUMNS}, coalesce(m.full_name, o.name) AS "subjectName"
         FROM quality_rating r LEFT JOIN member m ON m.id = r.member_id LEFT JOIN party_organization o ON o.id = r.org_id
        WHERE ${where.join(" AND ")} ORDER BY r.id LIMIT ${input.limit + 1}`,
      p.values,
    );
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((r) => ({ ...ratingView(r), subjectName: r.subjectName })),
      nextCursor: rows.length > input.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  });
