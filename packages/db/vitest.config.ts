import { defineConfig } from "vitest/config";

// Every suite uses the real engines (PGlite, a PostgreSQL server, the schema engine), so they are all
// `test:integration`; there is no `test:unit` (it ran the same files a second time in the Node 24 stage).
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
