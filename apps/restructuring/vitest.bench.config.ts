// Benchmarks (pnpm bench): not part of the tests. Figures in docs/restructuring.md.
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
