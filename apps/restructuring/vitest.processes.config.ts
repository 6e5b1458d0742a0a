import { defineConfig } from "vitest/config";

// The saga with restructuring as a real process (test/processes/): killed (-9) at injected points and
// started again on its data (PGlite in a directory, or a new PostgreSQL database when
// TEST_DATABASE_URL/DATABASE_URL is set). Part of `test:integration`.
export default defineConfig({
  test: {
    include: ["test/processes/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/processes/build.global.ts"],
    testTimeout: 600_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
