import { defineConfig } from "vitest/config";

// The saga against the realm production runs (test/sso/): Keycloak with KEYCLOAK_URL, else the built-in provider.
// Restructuring is a real process (its dist/ built once by the global setup), the other services in the test's
// process; one province merge on this shared 2-core machine: generous timeouts. Run by `test:sso`.
export default defineConfig({
  test: {
    include: ["test/sso/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/processes/build.global.ts"],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
