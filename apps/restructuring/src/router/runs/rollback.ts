import { restructuringContract } from "@orgboard/contract-restructuring";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { compensateProvince } from "../../app/saga.js";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.rollback;

/** Undoes the run before the plan's effective date: the done steps' compensations, last province first, in reverse order. */
export const rollbackRunRoute = procedure("restructuring.plans.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const { header } = await planInScope(ctx.db, input.planId, ctx.can);
    ctx.assertCan({ orgPath: header.scopeOrgPath });
    const today = ctx.now().toISOString().slice(0, 10);
    const effectiveOn = header.effectiveOn.toISOString().slice(0, 10);
    if (today >= effectiveOn) {
      throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đã có hiệu lực từ ${effectiveOn.split("-").reverse().join("/")}, không thể hoàn tác`, `planId: the plan took effect on ${effectiveOn}; it cannot be rolled back`) });
    }
    if (header.status !== "running" && header.status !== "done") {
      throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${header.status}, không có gì để hoàn tác`, `planId: the plan is ${header.status}; there is nothing to roll back`) });
    }
    // Not while a runner holds the plan (plan-lock.ts): compensations never interleave with its steps.
    const lock = ctx.saga.lockPlan ? await ctx.saga.lockPlan(input.planId) : { lost: false, release: async () => {} };
    if (!lock) throw new TRPCError({ code: "CONFLICT", message: bilingual("planId: đề án đang được chạy", "planId: the plan is already running") });
    let steps = 0;
    try {
      const current = await ctx.db.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { status: true } });
      if (current.status !== "running" && current.status !== "done") {
        throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${current.status}, không có gì để hoàn tác`, `planId: the plan is ${current.status}; there is nothing to roll back`) });
      }
      const provinces = await ctx.db.runProvince.findMany({ where: { planId: input.planId }, orderBy: { position: "desc" } });
      for (const p of provinces) {
        // The lock lost (its connection dropped): no further province is compensated; a new rollback goes on.
        if (lock.lost) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: bilingual("planId: mất khóa chạy đề án (kết nối cơ sở dữ liệu bị ngắt), hãy hoàn tác lại", "planId: the plan's run lock was lost (its database connection dropped); roll back again") });
        steps += await compensateProvince({ db: ctx.db, steps: ctx.saga.steps, now: ctx.now }, ctx, input.planId, p.provinceCode);
        await ctx.db.runProvince.update({ where: { planId_provinceCode: { planId: input.planId, provinceCode: p.provinceCode } }, data: { status: "rolled_back" } });
      }
      await ctx.db.$transaction(async (tx) => {
        await tx.plan.update({ where: { id: input.planId }, data: { status: "rolled_back" } });
        await recordCallerChange(tx, ctx, {
          entity: "plan",
          entityId: input.planId,
          orgPath: header.scopeOrgPath,
          before: { status: current.status },
          after: { status: "rolled_back", steps },
          events: [{ type: "restructuring.run.rolled_back", orgPath: header.scopeOrgPath, aggregateId: input.planId, payload: { planId: input.planId, steps } }],
        });
      });
    } finally {
      await lock.release();
    }
    return runView(ctx.db, input.planId, ctx.saga);
  });
