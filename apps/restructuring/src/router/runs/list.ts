import { restructuringContract, type RunSummary } from "@orgboard/contract-restructuring";
import { procedure } from "../procedure.js";

const c = restructuringContract.procedures.runs.list;

/**
 * The plans in the caller's scope, newest first, each with its run's provinces by state (contract 1.3): the
 * dashboard's picker. Scope is the policy's decision per plan, like plans.get (a plan outside is not listed).
 */
export const listRunsRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const limit = input.limit ?? 20;
    const runs: RunSummary[] = [];
    // Plans are few (one per restructuring wave), so filtering in scope after reading is cheap; read in pages
    // until `limit` plans in scope are found.
    for (let skip = 0; runs.length < limit; skip += 100) {
      const plans = await ctx.db.plan.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take: 100 });
      const mine = plans.filter((p) => ctx.can({ orgPath: p.scopeOrgPath })).slice(0, limit - runs.length);
      const states = mine.length
        ? await ctx.db.runProvince.groupBy({ by: ["planId", "status"], where: { planId: { in: mine.map((p) => p.id) } }, _count: { _all: true } })
        : [];
      for (const p of mine) {
        const provinces = { total: 0, done: 0, failed: 0, running: 0 };
        for (const s of states) {
          if (s.planId !== p.id) continue;
          provinces.total += s._count._all;
          if (s.status === "done" || s.status === "failed" || s.status === "running") provinces[s.status] += s._count._all;
        }
        runs.push({ planId: p.id, title: p.title, status: p.status as RunSummary["status"], effectiveOn: p.effectiveOn.toISOString().slice(0, 10), createdAt: p.createdAt.toISOString(), provinces });
      }
      if (plans.length < 100) break;
    }
    return { runs };
  });
