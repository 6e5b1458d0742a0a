import { restructuringContract } from "@orgboard/contract-restructuring";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { PlanLocker } from "../../app/plan-lock.js";
import { runProvince } from "../../app/saga.js";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.resume;
/** Without a database lock (a context built by hand): one runner per plan in this process. */
const inProcessOnly: PlanLocker = (() => {
  const running = new Set<string>();
  const release = (planId: string) => () => {
    running.delete(planId);
    return Promise.resolve();
  };
  return (planId: string) => {
    if (running.has(planId)) return Promise.resolve(null);
    running.add(planId);
    return Promise.resolve(release(planId));
  };
})();

/** Runs every step not done, province by province in the plan's order (one province when named). */
export const resumeRunRoute = procedure("restructuring.plans.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const { header } = await planInScope(ctx.db, input.planId, ctx.can);
    ctx.assertCan({ orgPath: header.scopeOrgPath });
    if (header.status !== "running") {
      throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${header.status}, không có gì để chạy tiếp`, `planId: the plan is ${header.status}; there is nothing to resume`) });
    }
    // One runner per plan, across instances (plan-lock.ts): the saga's rows and calls are never doubled.
    const release = await (ctx.saga.lockPlan ?? inProcessOnly)(input.planId);
    if (!release) throw new TRPCError({ code: "CONFLICT", message: bilingual("planId: đề án đang được chạy", "planId: the plan is already running") });
    try {
      // Another runner may have finished it while we waited for the lock.
      const current = await ctx.db.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { status: true } });
      if (current.status !== "running") throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${current.status}, không có gì để chạy tiếp`, `planId: the plan is ${current.status}; there is nothing to resume`) });
      const provinces = await ctx.db.runProvince.findMany({ where: { planId: input.planId, ...(input.provinceCode ? { provinceCode: input.provinceCode } : {}) }, orderBy: { position: "asc" } });
      if (input.provinceCode && provinces.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: bilingual("provinceCode: tỉnh này không thuộc lần chạy", "provinceCode: this province is not part of the run") });
      for (const p of provinces) {
        if (p.status === "done") continue;
        const failed = await runProvince({ db: ctx.db, steps: ctx.saga.steps, now: ctx.now, ...(ctx.saga.crashPoint ? { crashPoint: ctx.saga.crashPoint } : {}) }, ctx, input.planId, p.provinceCode);
        if (failed !== null) break;
      }
      const left = await ctx.db.runProvince.count({ where: { planId: input.planId, status: { not: "done" } } });
      if (left === 0) {
        await ctx.db.$transaction(async (tx) => {
          await tx.plan.update({ where: { id: input.planId }, data: { status: "done" } });
          await recordCallerChange(tx, ctx, { entity: "plan", entityId: input.planId, orgPath: header.scopeOrgPath, before: { status: "running" }, after: { status: "done" } });
        });
      }
    } finally {
      await release();
    }
    return runView(ctx.db, input.planId, ctx.saga);
  });
