// Benchmarks (pnpm bench): not part of the tests. Figures in docs/restructuring.md.
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["bench/**/*.bench.ts"],
    exclude: ["bench/national.bench.ts"], // by hand: bench:national
    environment: "node",
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
