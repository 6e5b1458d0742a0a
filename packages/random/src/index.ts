// Seeded PRNG for the synthetic dataset: sfc32 (small, fast, passes PractRand far beyond what we draw),
// seeded through splitmix32 so that nearby seeds/streams give unrelated sequences. Math.random is never
// used: the same seed must give byte-identical rows.

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
  constructor(seed: number, stream = 0) {
    const mix = splitmix32((seed * 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35));
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

  /** [0, 1) */
  float(): number {
    return this.next() / 4294967296;
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
