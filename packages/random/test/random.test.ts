import { describe, expect, it } from "vitest";
import { Rng, seedOf, Weighted } from "../src/index.js";

const draw = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.next());

describe("Rng", () => {
  it("replays from a seed; streams and nearby seeds differ", () => {
    expect(draw(new Rng(42))).toEqual(draw(new Rng(42)));
    expect(draw(new Rng(42, 1))).not.toEqual(draw(new Rng(42)));
    expect(draw(new Rng(43))).not.toEqual(draw(new Rng(42)));
  });
  it("keeps the sequence the synthetic dataset was generated with (sfc32 through splitmix32)", () => {
    expect(draw(new Rng(20261127, 1), 4)).toEqual(draw(new Rng(20261127, 1), 4));
    const r = new Rng(1);
    const a = r.next();
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
  });
  it("takes string seeds (FNV-1a) as the simulator's --seed does", () => {
    expect(seedOf(7)).toBe(7);
    expect(seedOf("demo")).toBe(seedOf("demo"));
    expect(seedOf("demo")).not.toBe(seedOf("demO"));
    expect(draw(new Rng("demo"))).toEqual(draw(new Rng(seedOf("demo"))));
  });
  it("draws in range", () => {
    const r = new Rng(5);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      const f = r.float(2, 4);
      expect(f >= 2 && f < 4).toBe(true);
      expect(r.normalInt(50, 10, 0, 60)).toBeLessThanOrEqual(60);
    }
  });
  it("samples k distinct items", () => {
    const r = new Rng(9);
    const items = Array.from({ length: 20 }, (_, i) => i);
    const s = r.sample(items, 5);
    expect(new Set(s).size).toBe(5);
    expect(s.every((x) => items.includes(x))).toBe(true);
    expect(r.sample(items, 50)).toHaveLength(20);
  });
});

describe("Weighted", () => {
  it("draws by weight", () => {
    const w = new Weighted([["a", 1], ["b", 9]] as const);
    const r = new Rng(3);
    let b = 0;
    for (let i = 0; i < 10_000; i++) if (w.draw(r) === "b") b++;
    expect(b / 10_000).toBeGreaterThan(0.85);
    expect(b / 10_000).toBeLessThan(0.95);
  });
});
