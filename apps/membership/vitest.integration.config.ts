// Integration tests: a real database per file (PGlite in memory; PostgreSQL when TEST_DATABASE_URL or
// DATABASE_URL is set) (the CLI has its own tests in apps/cli).
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/{import,export,seed,report,api}/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Files share one machine with 2 cores; PGlite instances are memory-hungry.
    maxWorkers: 2,
  },
});
