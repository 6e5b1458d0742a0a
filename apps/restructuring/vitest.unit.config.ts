import { defineConfig } from "vitest/config";

// Pure code, but the national plan's checks (34 provinces, 29,705 identity moves) take seconds on a loaded 2-core
// machine: 4.6 s of the 5 s default once, under CI.

export default defineConfig({
  test: { include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
});
