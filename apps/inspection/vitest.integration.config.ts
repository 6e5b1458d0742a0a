import { defineConfig } from "vitest/config";

// Each test file starts its own service on a fresh database (PGlite in memory, or a fresh PostgreSQL
// database when DATABASE_URL/TEST_DATABASE_URL is set); files run one after another to keep memory flat.
export default defineConfig({
  test: {
    include: ["test/integration/**/*.test.ts"],
    environment: "node",
    // One module graph per worker, not per file: each file still starts its own service on its own database, but
    // the service's modules and PGlite's WebAssembly are loaded once (membership's suite 152 → 86 s, inspection's
    // 101 → 61 s; docs/decisions/0012-ci-time.md). No file here changes process.env or mocks modules.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
