import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Real engines: PGlite boots a wasm PostgreSQL and the schema engine is 5 MB of wasm; on a busy
    // 2-core machine one `migrate create` can take a minute.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
