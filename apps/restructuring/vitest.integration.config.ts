import { defineConfig } from "vitest/config";

// Each test file starts its own service on a fresh database (PGlite in memory, or a fresh PostgreSQL
// database when DATABASE_URL/TEST_DATABASE_URL is set); files run one after another to keep memory flat.
export default defineConfig({
  test: {
    include: ["test/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
