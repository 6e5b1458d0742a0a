import type { RunView } from "@orgboard/contract-restructuring";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { StepAnswer } from "../../app/steps.js";

/** The progress of a plan's run: per province its changes, steps and conservation figures. */
export async function runView(db: PrismaClient, planId: string, saga: { steps: readonly unknown[]; notWired: readonly string[] }): Promise<RunView> {
  const stepsTotal = saga.steps.length;
  const [plan, provinces, steps, counts] = await Promise.all([
    db.plan.findUniqueOrThrow({ where: { id: planId } }),
    db.runProvince.findMany({ where: { planId }, orderBy: { position: "asc" } }),
    db.sagaStep.findMany({ where: { planId }, orderBy: { startedAt: "asc" } }),
    db.orgChange.groupBy({ by: ["provinceCode", "kind"], where: { planId }, _count: { _all: true } }),
  ]);
  return {
    planId,
    status: plan.status as RunView["status"],
    effectiveOn: plan.effectiveOn.toISOString().slice(0, 10),
    notWired: [...saga.notWired],
    subtree: null,
    provinces: provinces.map((p) => {
      const mine = steps.filter((s) => s.provinceCode === p.provinceCode);
      const changes = { create: 0, update: 0, reparent: 0, close: 0 };
      for (const c of counts) if (c.provinceCode === p.provinceCode) changes[c.kind as keyof typeof changes] = c._count._all;
      return {
        provinceCode: p.provinceCode,
        name: p.name,
        orgCode: p.orgCode,
        orgPath: p.orgPath,
        sourceOrgPaths: (p.sourceOrgCodes as string[]).map((code) => `/${code}/`),
        status: p.status as RunView["provinces"][number]["status"],
        changes,
        stepsDone: mine.filter((s) => s.status === "done").length,
        stepsTotal,
        membersBefore: p.membersBefore,
        membersAfter: p.membersAfter,
        structure: (p.structure as RunView["provinces"][number]["structure"]) ?? null,
        steps: mine.map((s) => ({ step: s.step, status: s.status as "pending", attempt: s.attempt, records: (s.result as unknown as StepAnswer | null)?.records ?? null, error: s.error })),
        error: p.error,
      };
    }),
  };
}
