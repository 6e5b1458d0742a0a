import { defineConfig } from "vitest/config";

// The cross-service flow with every part a real process (test/processes/): identity, membership, inspection
// and personnel from their dist/, each service on its own database (PGlite in a directory, or a new
// PostgreSQL database each when TEST_DATABASE_URL/DATABASE_URL is set). Part of `test:integration`.
export default defineConfig({
  test: {
    include: ["test/processes/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/processes/build.global.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
