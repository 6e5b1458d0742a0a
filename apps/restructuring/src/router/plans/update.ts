import { restructuringContract } from "@orgboard/contract-restructuring";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { Prisma } from "../../generated/prisma/client.js";
import { planView, readPlan } from "../../app/plans.js";
import { validatePlan, type Plan, type UnitChange } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planInScope } from "./scope.js";

const c = restructuringContract.procedures.plans.update;
/** A plan can be edited until it runs (a run's changes were derived from it and are being executed). */
const EDITABLE = new Set(["draft", "ready"]);

/**
 * Edits a plan before it runs: assignments of split communes' organizations, renames of organizations (the
 * derivation turns them into `update` changes, so the preview's duplicate names disappear), and the new units
 * of merge/rename changes (name; a commune's province; sources of a merge). The edited plan passes `validatePlan` or nothing is
 * written; one transaction writes the edits, the audit record (before/after of each edited item) and
 * `restructuring.plan.updated`.
 */
export const updatePlanRoute = procedure("restructuring.plans.manage")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const { header } = await planInScope(ctx.db, input.planId, ctx.can);
    ctx.assertCan({ orgPath: header.scopeOrgPath });
    const assignments = input.assignments ?? [];
    const renames = input.renames ?? [];
    const units = input.units ?? [];
    if (assignments.length + renames.length + units.length === 0) {
      throw new TRPCError({ code: "BAD_REQUEST", message: bilingual("assignments: không có thay đổi nào", "assignments: nothing to change") });
    }
    for (const [field, list] of [["assignments", assignments.map((a) => a.orgCode)], ["renames", renames.map((r) => r.orgCode)], ["units", units.map((u) => u.code)]] as const) {
      const seen = new Set<string>();
      list.forEach((code, i) => {
        if (seen.has(code)) throw new TRPCError({ code: "BAD_REQUEST", message: bilingual(`${field}.${i}: ${code} xuất hiện hai lần`, `${field}.${i}: ${code} appears twice`) });
        seen.add(code);
      });
    }
    return ctx.db.$transaction(
      async (tx) => {
        // Status read again inside the transaction: a run starting meanwhile wins, the edit is refused.
        const current = await readPlan(tx, input.planId);
        if (!current) throw new TRPCError({ code: "NOT_FOUND", message: bilingual("không tìm thấy đề án", "plan not found") });
        if (!EDITABLE.has(current.header.status)) {
          throw new TRPCError({ code: "CONFLICT", message: bilingual(`planId: đề án đang ở trạng thái ${current.header.status}, không sửa được nữa`, `planId: the plan is ${current.header.status}; it can no longer be edited`) });
        }
        const plan: Plan = { ...current.plan, assignments: { ...current.plan.assignments }, renames: { ...(current.plan.renames ?? {}) } };
        type Side = { assignments?: Record<string, string | null>; renames?: Record<string, string | null>; units?: Record<string, unknown> };
        const before: Side = {};
        const after: Side = {};
        for (const a of assignments) {
          (before.assignments ??= {})[a.orgCode] = plan.assignments[a.orgCode] ?? null;
          (after.assignments ??= {})[a.orgCode] = a.unitCode;
          if (a.unitCode === null) delete plan.assignments[a.orgCode];
          else plan.assignments[a.orgCode] = a.unitCode;
        }
        for (const r of renames) {
          (before.renames ??= {})[r.orgCode] = plan.renames![r.orgCode] ?? null;
          (after.renames ??= {})[r.orgCode] = r.name;
          if (r.name === null) delete plan.renames![r.orgCode];
          else plan.renames![r.orgCode] = r.name;
        }
        const edited = new Map<number, UnitChange>();
        units.forEach((u, i) => {
          const at = plan.changes.findIndex((ch) => (ch.kind === "merge" || ch.kind === "rename") && ch.target.code === u.code);
          const change = plan.changes[at];
          if (change === undefined || (change.kind !== "merge" && change.kind !== "rename")) {
            throw new TRPCError({ code: "BAD_REQUEST", message: bilingual(`units.${i}.code: "${u.code}" không phải đơn vị mới của đề án`, `units.${i}.code: "${u.code}" is not a new unit of the plan`) });
          }
          if (u.sources !== undefined && change.kind !== "merge") {
            throw new TRPCError({ code: "BAD_REQUEST", message: bilingual(`units.${i}.sources: chỉ sửa được đơn vị cũ của thay đổi "nhập"`, `units.${i}.sources: only a merge's sources can be edited`) });
          }
          if (u.parentCode !== undefined && change.level !== "commune") {
            throw new TRPCError({ code: "BAD_REQUEST", message: bilingual(`units.${i}.parentCode: chỉ đổi được tỉnh của đơn vị cấp xã`, `units.${i}.parentCode: only a commune's province can be changed`) });
          }
          if (u.parentCode !== undefined && !plan.changes.some((ch) => ch.level === "province" && (ch.kind === "merge" || ch.kind === "rename") && ch.target.code === u.parentCode)) {
            throw new TRPCError({ code: "BAD_REQUEST", message: bilingual(`units.${i}.parentCode: "${u.parentCode}" không phải tỉnh mới của đề án`, `units.${i}.parentCode: "${u.parentCode}" is not a new province of the plan`) });
          }
          const target = { ...change.target, ...(u.name !== undefined ? { name: u.name } : {}), ...(u.parentCode !== undefined ? { parentCode: u.parentCode } : {}) };
          const next: UnitChange = change.kind === "merge" ? { ...change, target, ...(u.sources !== undefined ? { sources: u.sources } : {}) } : { ...change, target };
          (before.units ??= {})[u.code] = { name: change.target.name, parentCode: change.target.parentCode, ...(change.kind === "merge" ? { sources: change.sources } : {}) };
          (after.units ??= {})[u.code] = { name: target.name, parentCode: target.parentCode, ...(next.kind === "merge" ? { sources: next.sources } : {}) };
          plan.changes[at] = next;
          edited.set(at, next);
        });
        const issues = validatePlan(plan);
        if (issues.length > 0) {
          const shown = issues.slice(0, 5).map((p) => `${p.field}: ${p.vi}`).join("; ");
          const shownEn = issues.slice(0, 5).map((p) => `${p.field}: ${p.en}`).join("; ");
          throw new TRPCError({ code: "BAD_REQUEST", message: bilingual(shown, shownEn) });
        }
        for (const a of assignments) {
          if (a.unitCode === null) await tx.splitAssignment.deleteMany({ where: { planId: input.planId, orgCode: a.orgCode } });
          else await tx.splitAssignment.upsert({ where: { planId_orgCode: { planId: input.planId, orgCode: a.orgCode } }, create: { planId: input.planId, orgCode: a.orgCode, unitCode: a.unitCode }, update: { unitCode: a.unitCode } });
        }
        for (const r of renames) {
          if (r.name === null) await tx.planRename.deleteMany({ where: { planId: input.planId, orgCode: r.orgCode } });
          else await tx.planRename.upsert({ where: { planId_orgCode: { planId: input.planId, orgCode: r.orgCode } }, create: { planId: input.planId, orgCode: r.orgCode, name: r.name }, update: { name: r.name } });
        }
        for (const [position, ch] of edited) {
          if (ch.kind !== "merge" && ch.kind !== "rename") continue;
          await tx.unitChange.update({
            where: { planId_position: { planId: input.planId, position } },
            data: { targetName: ch.target.name, targetParentCode: ch.target.parentCode, ...(ch.kind === "merge" ? { sources: ch.sources as unknown as Prisma.InputJsonValue } : {}) },
          });
        }
        const row = await tx.plan.update({ where: { id: input.planId }, data: { updatedAt: ctx.now() } });
        await recordCallerChange(tx, ctx, {
          entity: "plan",
          entityId: input.planId,
          orgPath: header.scopeOrgPath,
          before,
          after,
          events: [{ type: "restructuring.plan.updated", orgPath: header.scopeOrgPath, aggregateId: input.planId, payload: { planId: input.planId, assignments: assignments.length, renames: renames.length, units: units.length } }],
        });
        return planView(row, plan);
      },
      { timeout: 120_000 },
    );
  });
