// The saga's unit of work (provinceWork) and the step list with other services' rekeys (rekeyStep): pure.
import { describe, expect, it } from "vitest";
import { rekeyStep, sagaSteps, type MembershipSteps, type PathMove, type StepContext } from "../../src/app/steps.js";
import { compilePlan, deriveOrgChanges, officialPlan2025, provinceWork } from "../../src/domain/index.js";
import { tree2024 } from "./fixtures.js";

describe("provinceWork: the derived changes grouped by new province", () => {
  const compiled = compilePlan(officialPlan2025());
  const tree = tree2024((p) => p === "02" || p === "08" || p === "01");
  const d = deriveOrgChanges(compiled, tree);
  const work = provinceWork(compiled, tree, d);

  it("one unit per new province the tree reaches, in the plan's order, every change in exactly one", () => {
    expect(work.map((w) => [w.provinceCode, w.orgCode, w.orgPath, w.sourceOrgCodes])).toEqual([
      ["01", "01", "/01/", ["01"]],
      ["08", "08-2025", "/08-2025/", ["02", "08"]],
    ]);
    expect(work.flatMap((w) => w.changes)).toHaveLength(d.changes.length);
  });

  it("members before: the subtrees of its sources", () => {
    const sum = (p: (code: string) => boolean) => tree2024(p).reduce((n, o) => n + o.members, 0);
    expect(work[1]!.membersBefore).toBe(sum((p) => p === "02" || p === "08"));
    expect(work[0]!.membersBefore).toBe(sum((p) => p === "01"));
  });

  it("a province only when asked for it", () => {
    expect(provinceWork(compiled, tree, d, ["08"]).map((w) => w.provinceCode)).toEqual(["08"]);
  });
});

describe("rekeyStep: another service's scope keys follow membership's moves", () => {
  const calls: { idempotencyKey: string; moves: PathMove[] }[] = [];
  const step = rekeyStep("inspection", {
    rekey: (input) => {
      calls.push(input);
      return Promise.resolve({ idempotencyKey: input.idempotencyKey, records: { cases: input.moves.length }, replayed: false });
    },
  });
  const moves = [
    { code: "02-G1", fromPath: "/02/02-G1/", toPath: "/08-2025/02-G1/" },
    { code: "02-C3", fromPath: "/08-2025/02-G1/02-C3/", toPath: "/08-2025/X/02-C3/" },
  ];
  const c = { idempotencyKey: "p:08:inspection.rekey", effectiveOn: "2025-07-01", resultOf: (s: string) => (s === "membership.reparent" ? { records: {}, replayed: false, moves } : undefined) } as unknown as StepContext;

  it("sends the moves in order with the step's key; the compensation the reverse moves, last first, with its own key", async () => {
    expect(await step.run(c)).toEqual({ records: { cases: 2 }, replayed: false });
    await step.compensate!(c, { records: {}, replayed: false });
    expect(calls).toEqual([
      { idempotencyKey: "p:08:inspection.rekey", effectiveOn: "2025-07-01", moves: moves.map(({ fromPath, toPath }) => ({ fromPath, toPath })) },
      { idempotencyKey: "p:08:inspection.rekey:undo", effectiveOn: "2025-07-01", moves: [{ fromPath: "/08-2025/X/02-C3/", toPath: "/08-2025/02-G1/02-C3/" }, { fromPath: "/08-2025/02-G1/", toPath: "/02/02-G1/" }] },
    ]);
  });

  it("runs after membership's moves and closures, before the check", () => {
    const names = sagaSteps({} as MembershipSteps, [step]).map((s) => s.name);
    expect(names).toEqual(["membership.mark", "membership.createOrgs", "membership.reparent", "membership.closeOrgs", "inspection.rekey", "verify", "membership.unmark"]);
  });
});
