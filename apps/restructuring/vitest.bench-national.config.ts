// The national replay (bench/national.bench.ts): long (a national seed, then the whole plan), on PostgreSQL
// only; run by hand (`pnpm --filter @orgboard/restructuring bench:national`), not by the routine bench.
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["bench/national.bench.ts"],
    environment: "node",
    testTimeout: 4 * 3_600_000,
    hookTimeout: 3_600_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
