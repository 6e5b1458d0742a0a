import { getUnits } from "@orgboard/admin-units";
import { restructuringContract, type VerifyRunOutput } from "@orgboard/contract-restructuring";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { compilePlan } from "../../domain/index.js";
import { procedure } from "../procedure.js";
import { planInScope } from "../plans/scope.js";

const c = restructuringContract.procedures.runs.verify;

/**
 * Conservation against membership's real counts: per province of the run, members in its committee's
 * subtree = the sum of its parts when the run started; nobody on a closed or non-cell organization; no
 * district committee left (when the plan abolishes the level). With the plan's unit counts (63 → 34, …).
 */
export const verifyRunRoute = procedure("restructuring.plans.read")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }): Promise<VerifyRunOutput> => {
    const { plan } = await planInScope(ctx.db, input.planId, ctx.can);
    if (!ctx.saga.membership) throw new TRPCError({ code: "PRECONDITION_FAILED", message: bilingual("chưa nối với dịch vụ đảng viên", "membership is not connected") });
    const compiled = compilePlan(plan);
    const provinces = await ctx.db.runProvince.findMany({ where: { planId: input.planId }, orderBy: { position: "asc" } });
    const counts = await ctx.saga.membership.conservation({ orgCodes: provinces.map((p) => p.orgCode) });
    const perProvince = provinces.map((p) => {
      const after = counts.subtrees.find((s) => s.code === p.orgCode)?.members ?? 0;
      return { provinceCode: p.provinceCode, orgCode: p.orgCode, before: p.membersBefore, after, ok: after === p.membersBefore && p.status === "done" };
    });
    const problems: string[] = [];
    for (const p of perProvince) {
      if (!p.ok) problems.push(bilingual(`tỉnh ${p.provinceCode}: ${p.after} đảng viên, trước là ${p.before}`, `province ${p.provinceCode}: ${p.after} members, ${p.before} before`));
    }
    if (counts.onClosed > 0) problems.push(bilingual(`${counts.onClosed} đảng viên ở tổ chức đã giải thể`, `${counts.onClosed} members on closed organizations`));
    if (counts.onNonCell > 0) problems.push(bilingual(`${counts.onNonCell} đảng viên không ở chi bộ`, `${counts.onNonCell} members not in a cell`));
    if (compiled.districtLevelAbolished && counts.districtCommittees > 0) problems.push(bilingual(`còn ${counts.districtCommittees} đảng bộ cấp huyện`, `${counts.districtCommittees} district committees left`));
    const units = (edition: typeof plan.fromEdition, kind: "province" | "commune") => getUnits(edition).filter((u) => u.kind === kind).length;
    const targets = (level: "province" | "commune") => plan.changes.filter((ch) => (ch.kind === "merge" || ch.kind === "rename") && ch.level === level).length;
    return {
      planId: input.planId,
      ok: problems.length === 0,
      provinces: { before: units(plan.fromEdition, "province"), after: targets("province") },
      communes: { before: units(plan.fromEdition, "commune"), after: targets("commune") },
      members: counts.members,
      membersOnClosed: counts.onClosed,
      membersOnNonCell: counts.onNonCell,
      districtCommittees: counts.districtCommittees,
      perProvince,
      problems,
    };
  });
