// CLI tests spawn the built executable (dist/main.js) against a real database: an embedded PGlite in a
// temporary directory, or a fresh PostgreSQL database when TEST_DATABASE_URL / DATABASE_URL is set.
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/build.global.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
