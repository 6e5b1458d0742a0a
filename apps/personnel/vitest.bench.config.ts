// Benchmarks (pnpm bench): not part of the tests. PostgreSQL from BENCH_DATABASE_URL, else the embedded
// PGlite (what `npm start` runs). Figures in docs/personnel.md#benchmarks.
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["bench/**/*.bench.ts"],
    environment: "node",
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
