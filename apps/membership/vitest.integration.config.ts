// Integration tests: a real database per file (PGlite in memory; PostgreSQL when TEST_DATABASE_URL or
// DATABASE_URL is set) (the CLI has its own tests in apps/cli).
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/{import,export,seed,report,api}/**/*.test.ts"],
    environment: "node",
    // One module graph per worker, not per file: each file still starts its own service on its own database, but
    // the service's modules and PGlite's WebAssembly are loaded once (membership's suite 152 → 86 s, inspection's
    // 101 → 61 s; docs/decisions/0012-ci-time.md). No file here changes process.env or mocks modules.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Files share one machine with 2 cores; PGlite instances are memory-hungry.
    maxWorkers: 2,
  },
});
