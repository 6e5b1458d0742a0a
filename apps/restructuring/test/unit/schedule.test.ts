// The runner's scheduler (src/domain/schedule.ts): which provinces may run at once. Pure.
import { describe, expect, it } from "vitest";
import { compilePlan, deriveOrgChanges, officialPlan2025, orgCodesOfProvince, provinceDependencies, provincesAtOnce, provinceWork, ProvinceScheduler, type ProvinceToRun } from "../../src/domain/index.js";
import { crossPlan, tree2024 } from "./fixtures.js";

const p = (provinceCode: string, position: number, orgCodes: string[], done = false): ProvinceToRun => ({ provinceCode, position, done, orgCodes });

/** Runs the scheduler to its end: `fails` fail; answers the start order and the batches started together. */
function drive(s: ProvinceScheduler, fails: ReadonlySet<string> = new Set()) {
  const started: string[] = [];
  const batches: string[][] = [];
  for (;;) {
    const batch: string[] = [];
    for (let n = s.next(); n !== null; n = s.next()) batch.push(n);
    if (batch.length === 0 && s.running.length === 0) break;
    if (batch.length) batches.push(batch);
    started.push(...batch);
    // The earliest running one finishes first.
    const first = s.running[0]!;
    s.finish(first, !fails.has(first));
  }
  return { started, batches };
}

describe("ProvinceScheduler", () => {
  it("concurrency 1: the stored order, one at a time (the runner as before)", () => {
    const s = new ProvinceScheduler([p("C", 2, ["c"]), p("A", 0, ["a"]), p("B", 1, ["b"])], 1);
    expect(drive(s).batches).toEqual([["A"], ["B"], ["C"]]);
  });

  it("concurrency 2: independent provinces two at a time, in the stored order", () => {
    const s = new ProvinceScheduler([p("A", 0, ["a"]), p("B", 1, ["b"]), p("C", 2, ["c"]), p("D", 3, ["d"])], 2);
    expect(s.next()).toBe("A");
    expect(s.next()).toBe("B");
    expect(s.next()).toBeNull(); // both slots taken
    s.finish("B", true);
    expect(s.next()).toBe("C");
    s.finish("A", true);
    expect(s.next()).toBe("D");
  });

  it("a province sharing an organization with an earlier one waits for it to be done; a later independent one goes past it", () => {
    // B shares "x" with A (a common source, or a split commune's committee): B waits; C starts meanwhile.
    const s = new ProvinceScheduler([p("A", 0, ["a", "x"]), p("B", 1, ["b", "x"]), p("C", 2, ["c"])], 2);
    expect(s.dependenciesOf("B")).toEqual(["A"]);
    expect([s.next(), s.next(), s.next()]).toEqual(["A", "C", null]);
    s.finish("C", true);
    expect(s.next()).toBeNull(); // B still waits for A
    s.finish("A", true);
    expect(s.next()).toBe("B");
  });

  it("provinces done before the resume are not run again and let their dependants go", () => {
    const s = new ProvinceScheduler([p("A", 0, ["x"], true), p("B", 1, ["x"]), p("C", 2, ["c"])], 2);
    expect([s.next(), s.next()]).toEqual(["B", "C"]);
  });

  it("the first failure stops new starts; the ones running finish; a later resume continues", () => {
    const s = new ProvinceScheduler([p("A", 0, ["a"]), p("B", 1, ["b"]), p("C", 2, ["c"]), p("D", 3, ["d"])], 2);
    expect([s.next(), s.next()]).toEqual(["A", "B"]);
    s.finish("A", false);
    expect(s.failed).toBe("A");
    expect(s.next()).toBeNull(); // C does not start
    expect(s.running).toEqual(["B"]);
    s.finish("B", true);
    expect(s.next()).toBeNull();
    // The next resume: A (failed) and the rest, B done.
    const again = new ProvinceScheduler([p("A", 0, ["a"]), p("B", 1, ["b"], true), p("C", 2, ["c"]), p("D", 3, ["d"])], 2);
    expect(drive(again).started).toEqual(["A", "C", "D"]);
  });

  it("concurrency 1 stops at the first failure like the serial loop did", () => {
    const s = new ProvinceScheduler([p("A", 0, ["a"]), p("B", 1, ["b"]), p("C", 2, ["c"])], 1);
    expect(drive(s, new Set(["B"])).started).toEqual(["A", "B"]);
  });

  it("a dependency outside the run (a resume naming one province) does not hold it back", () => {
    const s = new ProvinceScheduler([p("B", 1, ["x"])], 2);
    expect(s.next()).toBe("B");
  });

  it("refuses a concurrency below 1", () => {
    expect(() => new ProvinceScheduler([], 0)).toThrow(RangeError);
  });
});

describe("dependencies over the official plan on the national 2024 tree", () => {
  const compiled = compilePlan(officialPlan2025());
  const tree = tree2024();
  const d = deriveOrgChanges(compiled, tree);
  const work = provinceWork(compiled, tree, d);
  const toRun = work.map((w, position) => ({ provinceCode: w.provinceCode, position, done: false, orgCodes: orgCodesOfProvince(w) }));
  const deps = provinceDependencies(toRun);

  it("a split commune whose parts go to two new provinces: the receiving one runs first and the other waits for it", () => {
    // crossPlan (fixtures.ts): Hà Giang's commune 00688 is split between the new Tuyên Quang (08) and Lào Cai (15).
    const cross = compilePlan(crossPlan());
    const t = tree2024((code) => code === "02" || code === "08" || code === "10");
    const w = provinceWork(cross, t, deriveOrgChanges(cross, t));
    expect(w.map((x) => x.provinceCode)).toEqual(["15", "08"]);
    // Their sources do not overlap: only the split commune (08 closes 00688, 15 moves its part out of it) ties them.
    expect(w[0]!.sourceOrgCodes.some((s) => w[1]!.sourceOrgCodes.includes(s))).toBe(false);
    // What Lào Cai takes from Hà Giang (marked and counted with it): the split commune's cell among them; Tuyên Quang takes nothing.
    expect(w[0]!.crossingOrgCodes).toContain("00688-02");
    expect(w[0]!.crossingOrgCodes).not.toContain("00688-01");
    expect(w[1]!.crossingOrgCodes).toEqual([]);
    const run = w.map((x, position) => ({ provinceCode: x.provinceCode, position, done: false, orgCodes: orgCodesOfProvince(x) }));
    expect(provinceDependencies(run).get("08")).toEqual(["15"]);
    const s = new ProvinceScheduler(run, 2);
    expect([s.next(), s.next()]).toEqual(["15", null]);
    s.finish("15", true);
    expect(s.next()).toBe("08");
  });

  it("nationally (the official mapping: no shared source, no cross-province split) the provinces can run two at once, each once", () => {
    const s = new ProvinceScheduler(toRun, 2);
    const { batches } = drive(s);
    expect(batches.flat().sort()).toEqual(work.map((w) => w.provinceCode).sort());
    // How much the dependencies leave to overlap (printed: the national replay's figures depend on it).
    const independent = work.filter((w) => (deps.get(w.provinceCode) ?? []).length === 0).length;
    console.log(`national plan: ${work.length} provinces, ${independent} with no dependency, ${[...deps.values()].reduce((n, x) => n + x.length, 0)} dependency edges`);
    expect(independent).toBeGreaterThan(1);
  });
});

describe("provincesAtOnce: the read-priority knob (runs.resume's concurrency, contract 1.4)", () => {
  it("the caller's value over the service's default; the default alone when absent; 1 when neither is set", () => {
    expect(provincesAtOnce({ concurrency: 2, singleConnection: false }, 1)).toBe(1); // office hours
    expect(provincesAtOnce({ concurrency: 1, singleConnection: false }, 2)).toBe(2); // night
    expect(provincesAtOnce({ concurrency: 2, singleConnection: false }, undefined)).toBe(2);
    expect(provincesAtOnce({}, undefined)).toBe(1);
  });
  it("one at a time on a single-connection (embedded) database, whatever is asked", () => {
    expect(provincesAtOnce({ concurrency: 1, singleConnection: true }, 4)).toBe(1);
  });
});
