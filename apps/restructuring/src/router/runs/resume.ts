import { restructuringContract } from "@orgboard/contract-restructuring";
import { recordCallerChange, type Caller } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { PlanLock, PlanLocker } from "../../app/plan-lock.js";
import { runProvince } from "../../app/saga.js";
import type { RestructuringContext } from "../../context.js";
import { orgCodesOfProvince, ProvinceScheduler, provincesAtOnce, type OrgChange } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.resume;
/** Without a database lock (a context built by hand): one runner per plan in this process. */
const inProcessOnly: PlanLocker = (() => {
  const running = new Set<string>();
  return (planId: string) => {
    if (running.has(planId)) return Promise.resolve(null);
    running.add(planId);
    return Promise.resolve({
      lost: false,
      release: () => {
        running.delete(planId);
        return Promise.resolve();
      },
    });
  };
})();

/**
 * Runs the provinces not done, up to `atOnce` at once (provincesAtOnce) (membership's reparent keeps one database
 * backend busy: a second province uses the second core). The scheduler (domain/schedule.ts) hands them out in
 * the stored order, a province only once the earlier ones sharing an organization with it are done; after the
 * first failure none starts, the running ones finish. An unexpected error is thrown once they all ended. A
 * lost plan lock (its connection dropped) fails each running province before its next step.
 */
async function runProvinces(ctx: RestructuringContext & Caller, planId: string, provinces: readonly { provinceCode: string; position: number; status: string; orgCode: string; sourceOrgCodes: unknown }[], lock: PlanLock, atOnce: number) {
  // Done provinces hold nobody back (the scheduler counts them done): only the others' changes are read.
  const todo = provinces.filter((p) => p.status !== "done").map((p) => p.provinceCode);
  const changes = await ctx.db.orgChange.findMany({ where: { planId, provinceCode: { in: todo } }, select: { provinceCode: true, payload: true } });
  const changesOf = new Map<string, OrgChange[]>();
  for (const c of changes) {
    const list = changesOf.get(c.provinceCode);
    if (list) list.push(c.payload as unknown as OrgChange);
    else changesOf.set(c.provinceCode, [c.payload as unknown as OrgChange]);
  }
  const scheduler = new ProvinceScheduler(
    provinces.map((p) => ({
      provinceCode: p.provinceCode,
      position: p.position,
      done: p.status === "done",
      orgCodes: orgCodesOfProvince({ orgCode: p.orgCode, sourceOrgCodes: p.sourceOrgCodes as string[], changes: changesOf.get(p.provinceCode) ?? [] }),
    })),
    atOnce,
  );
  const deps = { db: ctx.db, steps: ctx.saga.steps, now: ctx.now, stillHeld: () => !lock.lost, ...(ctx.saga.crashPoint ? { crashPoint: ctx.saga.crashPoint } : {}) };
  const running = new Map<string, Promise<void>>();
  const thrown: unknown[] = [];
  for (;;) {
    for (let code = scheduler.next(); code !== null; code = scheduler.next()) {
      const province = code;
      running.set(
        province,
        runProvince(deps, ctx, planId, province).then(
          (failed) => scheduler.finish(province, failed === null),
          (err: unknown) => {
            thrown.push(err);
            scheduler.finish(province, false);
          },
        ).finally(() => running.delete(province)),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (thrown.length > 0) throw thrown[0];
}

/** Runs every step not done, the provinces in the plan's order, several at once when independent (one province when named). */
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
    const lock = await (ctx.saga.lockPlan ?? inProcessOnly)(input.planId);
    if (!lock) throw new TRPCError({ code: "CONFLICT", message: bilingual("planId: đề án đang được chạy", "planId: the plan is already running") });
    try {
      // Another runner may have finished it while we waited for the lock.
      const current = await ctx.db.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { status: true } });
      if (current.status !== "running") throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${current.status}, không có gì để chạy tiếp`, `planId: the plan is ${current.status}; there is nothing to resume`) });
      const provinces = await ctx.db.runProvince.findMany({ where: { planId: input.planId, ...(input.provinceCode ? { provinceCode: input.provinceCode } : {}) }, orderBy: { position: "asc" } });
      if (input.provinceCode && provinces.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: bilingual("provinceCode: tỉnh này không thuộc lần chạy", "provinceCode: this province is not part of the run") });
      await runProvinces(ctx, input.planId, provinces, lock, provincesAtOnce(ctx.saga, input.concurrency));
      const left = await ctx.db.runProvince.count({ where: { planId: input.planId, status: { not: "done" } } });
      if (left === 0) {
        await ctx.db.$transaction(async (tx) => {
          await tx.plan.update({ where: { id: input.planId }, data: { status: "done" } });
          await recordCallerChange(tx, ctx, { entity: "plan", entityId: input.planId, orgPath: header.scopeOrgPath, before: { status: "running" }, after: { status: "done" } });
        });
      }
    } finally {
      await lock.release();
    }
    return runView(ctx.db, input.planId, ctx.saga);
  });
