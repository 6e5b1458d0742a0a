// Unit tests: pure code, no database (domain rules, parsers, generators).
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/domain/**/*.test.ts", "test/unit/**/*.test.ts", "src/**/*.test.ts"],
    environment: "node",
    // Pure code, yet a rule checked over the national data takes seconds on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
