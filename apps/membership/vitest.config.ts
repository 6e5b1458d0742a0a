// Unit tests: pure code, no database (domain rules, parsers, generators).
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    include: ["test/domain/**/*.test.ts", "test/unit/**/*.test.ts", "src/**/*.test.ts"],
    environment: "node",
  },
});
