import { personnelContract } from "@orgboard/contract-personnel";
import { ROOT_ORG_PATH } from "@orgboard/contracts";
import { asRawSql, conservationCounts, type SqlHandle } from "@orgboard/events";
import { FORBIDDEN_MESSAGE } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.restructuring.conservation;

const bounds = (paths: readonly string[]) => JSON.stringify(paths.map((p) => ({ path: p, upper: `${p.slice(0, -1)}0` })));

/**
 * Every cadre under `paths` accounted for (issue #14): holding a post of an organization not under a closed
 * path, or with a surplus case (marked surplus, or placed by a policy); `unaccounted` are the others who
 * hold a post only under a closed path. A cadre holding no post and no case is counted apart (a file only).
 */
async function cadreAccounting(handle: SqlHandle, paths: readonly string[], closedPaths: readonly string[]) {
  const [row] = await asRawSql(handle).$queryRawUnsafe<{ total: number; holding_open_post: number; surplus: number; without_post: number; unaccounted: number }[]>(
    `WITH p AS (SELECT * FROM json_to_recordset($1::json) AS x(path text, upper text)),
          cl AS (SELECT * FROM json_to_recordset($2::json) AS x(path text, upper text)),
          c AS (
            SELECT
              EXISTS (SELECT 1 FROM holding h JOIN post po ON po.id = h.post_id
                       WHERE h.cadre_id = c.id AND h.ended_on IS NULL
                         AND NOT EXISTS (SELECT 1 FROM cl WHERE po.org_path ~>=~ cl.path AND po.org_path ~<~ cl.upper)) AS open_post,
              EXISTS (SELECT 1 FROM holding h WHERE h.cadre_id = c.id AND h.ended_on IS NULL) AS any_post,
              EXISTS (SELECT 1 FROM surplus_case s WHERE s.cadre_id = c.id) AS surplus
            FROM cadre c WHERE EXISTS (SELECT 1 FROM p WHERE c.org_path ~>=~ p.path AND c.org_path ~<~ p.upper))
     SELECT count(*)::int AS total,
            (count(*) FILTER (WHERE open_post))::int AS holding_open_post,
            (count(*) FILTER (WHERE NOT open_post AND surplus))::int AS surplus,
            (count(*) FILTER (WHERE NOT any_post AND NOT surplus))::int AS without_post,
            (count(*) FILTER (WHERE any_post AND NOT open_post AND NOT surplus))::int AS unaccounted
       FROM c`,
    bounds([...new Set(paths)]),
    bounds([...new Set(closedPaths)]),
  );
  return { total: row?.total ?? 0, holdingOpenPost: row?.holding_open_post ?? 0, surplus: row?.surplus ?? 0, withoutPost: row?.without_post ?? 0, unaccounted: row?.unaccounted ?? 0 };
}

/**
 * Restructuring's verify reads it (docs/restructuring.md "Verify"): rows per scope-key table under each
 * given path, rows still under the paths of closed organizations (0 once a run moved everything), and
 * every cadre's post or surplus status accounted for. Counts only, nobody's file: no audit record.
 */
export const conservationRoute = procedure("personnel.restructuring.conservation")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    // It counts any subtree: only a caller whose scope is the whole tree (restructuring's account carries "/").
    if (!ctx.can({ orgPath: ROOT_ORG_PATH })) throw new TRPCError({ code: "FORBIDDEN", message: FORBIDDEN_MESSAGE });
    // One transaction: every count from one connection, in order.
    return ctx.db.$transaction(async (tx) => ({ ...(await conservationCounts(tx, input)), cadres: await cadreAccounting(tx, input.paths, input.closedPaths) }));
  });
