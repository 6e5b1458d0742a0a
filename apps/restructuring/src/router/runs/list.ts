import { restructuringContract, type RunSummary } from "@orgboard/contract-restructuring";
import { TRPCError } from "@trpc/server";
import { planForReader } from "../plans/scope.js";
import { procedure } from "../procedure.js";

const c = restructuringContract.procedures.runs.list;

/**
 * The plans in the caller's scope, newest first, each with its run's provinces by state (contract 1.3): the
 * dashboard's picker. Scope is the policy's decision per plan, like plans.get. A board outside a plan's scope
 * also gets the plan when its started run has the board's province (1.10): the rows of the new provinces whose
 * committee or old provinces' committees lie at or above one of the caller's paths, counted alone (`part`), as
 * runs.get shows them. Nothing else of the plan (no other province's row) is counted for it. A plan not started
 * yet (1.12) is listed to the boards plans.get answers its part (found in membership's tree, the shared 5-s copy,
 * as plans.get finds it), with its new province as `part` and nothing counted: they prepare for it before its run.
 */
export const listRunsRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    const limit = input.limit ?? 20;
    const runs: RunSummary[] = [];
    const covers = (orgPath: string) => ctx.scope.some((q) => q.startsWith(orgPath));
    // The new province whose part of a plan not started the caller reads, as plans.get answers it; none: [].
    const partBeforeRun = async (planId: string): Promise<string[]> => {
      try {
        const { part } = await planForReader(ctx.db, ctx.readTree, planId, ctx.can, ctx.scope);
        return part === null ? [] : [part];
      } catch (e) {
        if (e instanceof TRPCError && e.code === "NOT_FOUND") return [];
        throw e;
      }
    };
    // Plans are few (one per restructuring wave), so filtering in scope after reading is cheap; read in pages
    // until `limit` plans are found.
    for (let skip = 0; runs.length < limit; skip += 100) {
      const plans = await ctx.db.plan.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take: 100 });
      const whole = new Set(plans.filter((p) => ctx.can({ orgPath: p.scopeOrgPath })).map((p) => p.id));
      const rows = plans.length
        ? await ctx.db.runProvince.findMany({ where: { planId: { in: plans.map((p) => p.id) } }, select: { planId: true, provinceCode: true, orgPath: true, sourceOrgCodes: true, status: true } })
        : [];
      // The caller's own rows of a plan outside its scope: its province's committee (new or old) at or above its paths.
      const own = (planId: string) =>
        rows.filter((r) => r.planId === planId && (covers(r.orgPath) || (r.sourceOrgCodes as string[]).some((code) => covers(`/${code}/`))));
      const started = new Set(rows.map((r) => r.planId));
      for (const p of plans) {
        if (runs.length >= limit) break;
        const counted = whole.has(p.id) ? rows.filter((r) => r.planId === p.id) : own(p.id);
        let part: string[] | null = whole.has(p.id) ? null : counted.map((r) => r.provinceCode).sort();
        if (!whole.has(p.id) && !started.has(p.id)) part = await partBeforeRun(p.id);
        if (part !== null && part.length === 0) continue;
        const provinces = { total: counted.length, done: 0, failed: 0, running: 0 };
        for (const r of counted) if (r.status === "done" || r.status === "failed" || r.status === "running") provinces[r.status] += 1;
        runs.push({
          planId: p.id,
          title: p.title,
          status: p.status as RunSummary["status"],
          effectiveOn: p.effectiveOn.toISOString().slice(0, 10),
          createdAt: p.createdAt.toISOString(),
          provinces,
          part,
        });
      }
      if (plans.length < 100) break;
    }
    return { runs };
  });
