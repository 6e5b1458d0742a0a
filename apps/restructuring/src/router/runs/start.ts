import { restructuringContract } from "@orgboard/contract-restructuring";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { compilePlan, deriveOrgChanges, provinceWork } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";
import { runView } from "./view.js";

const c = restructuringContract.procedures.runs.start;

/**
 * Starts a run: reads the tree from membership, derives the organization changes, stores them per new
 * province (org_change, run_province) with the audit record and `restructuring.run.started`. Runs nothing:
 * `runs.resume` executes. Refused while members would be left with no successor (no member lost).
 */
export const startRunRoute = procedure("restructuring.plans.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const { header, plan } = await planInScope(ctx.db, input.planId, ctx.can);
    ctx.assertCan({ orgPath: header.scopeOrgPath });
    if (header.status !== "draft" && header.status !== "ready") {
      throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${header.status}, không thể bắt đầu lại`, `planId: the plan is ${header.status}; it cannot start again`) });
    }
    if (ctx.saga.steps.length === 0) throw new TRPCError({ code: "PRECONDITION_FAILED", message: bilingual("chưa nối với dịch vụ đảng viên: không thể chạy", "membership is not connected: nothing can run") });
    const compiled = compilePlan(plan);
    const tree = await ctx.tree.load();
    const derivation = deriveOrgChanges(compiled, tree);
    const work = provinceWork(compiled, tree, derivation, input.provinceCodes);
    const inRun = new Set(work.flatMap((w) => w.changes.map((ch) => ch.code)));
    const lost = derivation.conflicts.filter((k) => k.kind === "no_successor" && k.members > 0 && (inRun.has(k.code) || input.provinceCodes === undefined));
    if (lost.length > 0) {
      const members = lost.reduce((n, k) => n + (k.kind === "no_successor" ? k.members : 0), 0);
      throw new TRPCError({
        code: "CONFLICT",
        message: bilingual(`planId: ${members} đảng viên ở ${lost.length} tổ chức không có nơi sinh hoạt mới (xem trước để biết): hãy phân chia trước khi chạy`, `planId: ${members} members in ${lost.length} organizations have no successor (see the preview): assign them before running`),
      });
    }
    if (work.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: bilingual("provinceCodes: cây tổ chức không có tỉnh nào của đề án", "provinceCodes: the organization tree reaches no province of the plan") });
    const changes = work.reduce((n, w) => n + w.changes.length, 0);
    await ctx.db.$transaction(
      async (tx) => {
        await tx.runProvince.createMany({
          data: work.map((w, position) => ({ planId: input.planId, provinceCode: w.provinceCode, position, name: w.name, orgCode: w.orgCode, orgPath: w.orgPath, sourceOrgCodes: w.sourceOrgCodes, crossingOrgCodes: w.crossingOrgCodes, membersBefore: w.membersBefore, structure: w.structure })),
        });
        await tx.orgChange.createMany({
          data: work.flatMap((w) => w.changes.map((ch, position) => ({ planId: input.planId, provinceCode: w.provinceCode, orgPath: w.orgPath, position, kind: ch.kind, orgCode: ch.code, payload: ch }))),
        });
        await tx.plan.update({ where: { id: input.planId }, data: { status: "running" } });
        await recordCallerChange(tx, ctx, {
          entity: "plan",
          entityId: input.planId,
          orgPath: header.scopeOrgPath,
          before: { status: header.status },
          after: { status: "running", provinces: work.map((w) => w.provinceCode), changes },
          events: [{ type: "restructuring.run.started", orgPath: header.scopeOrgPath, aggregateId: input.planId, payload: { planId: input.planId, provinces: work.map((w) => w.provinceCode), changes } }],
        });
      },
      { timeout: 120_000 },
    );
    return runView(ctx.db, input.planId, ctx.saga);
  });
