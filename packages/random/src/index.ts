// Seeded randomness for everything that must replay from a seed (membership's synthetic dataset,
// conference's simulator, benches): sfc32 (small, fast, passes PractRand far beyond what we draw),
// seeded through splitmix32 so that nearby seeds/streams give unrelated sequences. Math.random is never
// used: the same seed must give byte-identical output. No dependencies; runs in Node and browsers.

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

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15);
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates independent sequences under one seed (e.g. one per organization). */
  constructor(seed: number | string, stream = 0) {
    const n = typeof seed === "string" ? seedOf(seed) : seed;
    const mix = splitmix32((n * 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** uint32 */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [from, to), by default [0, 1) */
  float(from = 0, to = 1): number {
    const u = this.next() / 4294967296;
    return from === 0 && to === 1 ? u : from + u * (to - from);
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** k distinct items, in a random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = this.int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /** Approximately normal (sum of uniforms), clamped to [min, max]. */
  normalInt(mean: number, sd: number, min: number, max: number): number {
    const z = this.float() + this.float() + this.float() + this.float() - 2; // var = 1/3
    const v = Math.round(mean + z * sd * 1.7320508);
    return v < min ? min : v > max ? max : v;
  }
}

/** Weighted choice with a precomputed cumulative table (O(log n) per draw). */
export class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly items: readonly T[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    for (let i = 0; i < entries.length; i++) this.cumulative[i]! /= sum;
  }

  draw(rng: Rng): T {
    const u = rng.float();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
