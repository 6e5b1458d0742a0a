// PGlite's COPY goes in batches, one statement each: every batch must end at a line end, whatever the
// chunks it is fed (#11, finding 1: raw 1 MiB blocks of the period spool were cut mid-line).
import { describe, expect, it } from "vitest";
import { Rng } from "@orgboard/random";
import { lineBatches, type CopyChunk } from "../../src/db/sql.js";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i}\t1\t/01/\t2020-0${(i % 9) + 1}-15\tnhập ${"đ".repeat(i % 7)}\n`);

/** The text cut into chunks of random sizes (bytes, so multi-byte letters are cut too). */
function randomChunks(text: string, rng: Rng, max: number): CopyChunk[] {
  const bytes = Buffer.from(text);
  const out: CopyChunk[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = rng.int(1, max);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

async function collect(chunks: CopyChunk[], max: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const b of lineBatches(chunks, max)) out.push(Buffer.concat(b));
  return out;
}

describe("lineBatches", () => {
  it("cuts only after a line end, whatever the chunk sizes, and loses or adds no byte", async () => {
    const text = lines(5000).join("");
    const rng = new Rng(11, 1);
    for (const [chunkMax, batch] of [[1, 100], [97, 1000], [5000, 4096], [70_000, 65_536], [20_000, 8 * 1024]] as const) {
      const batches = await collect(randomChunks(text, rng, chunkMax), batch);
      expect(batches.length).toBeGreaterThan(1);
      for (const b of batches) expect(b[b.length - 1]).toBe(10);
      expect(Buffer.concat(batches).toString()).toBe(text);
    }
  });

  it("takes text chunks, keeps a line longer than a batch whole, and sends a last line without LF", async () => {
    const long = `${"x".repeat(10_000)}\n`;
    const batches = await collect(["a\tb\n", long.slice(0, 3000), long.slice(3000), "c\td"], 1000);
    expect(batches.map((b) => b.toString())).toEqual(["a\tb\n", long, "c\td"]);
  });
});
