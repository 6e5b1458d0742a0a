// The whole country's derivation, preview and conservation check (pure, in memory), on the synthetic 2024
// tree of test/unit/fixtures.ts (≈ 31,700 organizations). What a national preview costs before any I/O.
import { expect, it } from "vitest";
import { checkConservation, compilePlan, deriveOrgChanges, officialPlan2025, previewByUnit } from "../src/domain/index.js";
import { tree2024 } from "../test/unit/fixtures.js";

it("national preview of the official 2025 plan", () => {
  const tree = tree2024();
  const t0 = performance.now();
  const plan = compilePlan(officialPlan2025());
  const t1 = performance.now();
  const d = deriveOrgChanges(plan, tree);
  const t2 = performance.now();
  const previews = previewByUnit(plan, tree, d);
  const report = checkConservation(plan, tree, d.after, previews);
  const t3 = performance.now();
  const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`;
  console.log(
    `organizations ${tree.length}, changes ${d.changes.length}, conflicts ${d.conflicts.length}; ` +
      `plan ${ms(t0, t1)}, derive ${ms(t1, t2)}, preview+conservation ${ms(t2, t3)}, total ${ms(t0, t3)}`,
  );
  expect(previews.length).toBe(34 + 3_321);
  expect(report.districtCommitteesLeft).toBe(0);
});
