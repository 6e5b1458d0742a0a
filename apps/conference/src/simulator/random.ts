// Seeded randomness for the simulator (pure-rand: the generator fast-check uses). One seed ⇒ one plan.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export interface Random {
  /** Integer in [from, to]. */
  int(from: number, to: number): number;
  /** Float in [from, to), to 3 decimals (enough for minutes; keeps plans readable). */
  float(from: number, to: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** k distinct items, in a random order. */
  sample<T>(items: readonly T[], k: number): T[];
}

/** A 32-bit seed from a number or a string (FNV-1a), so `--seed demo` works too. */
export function seedOf(seed: number | string): number {
  if (typeof seed === "number" && Number.isInteger(seed)) return seed | 0;
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function createRandom(seed: number | string): Random {
  const rng = xoroshiro128plus(seedOf(seed));
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const float = (from: number, to: number) => from + (int(0, 999_999) / 1_000_000) * (to - from);
  return {
    int,
    float: (from, to) => Math.round(float(from, to) * 1000) / 1000,
    chance: (p) => int(0, 999_999) < p * 1_000_000,
    pick: (items) => items[int(0, items.length - 1)]!,
    sample(items, k) {
      const copy = [...items];
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = int(i, copy.length - 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
}
