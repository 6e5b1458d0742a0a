// CLI tests spawn the built executable (dist/main.js) against a real database: an embedded PGlite in a
// temporary directory, or a fresh PostgreSQL database when TEST_DATABASE_URL / DATABASE_URL is set.
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/build.global.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two files at a time (each its own temporary directory, database and free ports): the suite is the last to
    // start in CI's README and PostgreSQL stages, and ran alone on one core at their end (docs/decisions/0012).
    maxWorkers: 2,
  },
});
