import { defineConfig } from "vitest/config";

// `test:unit` runs test/unit (no servers); `test:integration` runs every other file (real sockets, servers,
// child processes, PostgreSQL), so a new suite lands in one of them and in every CI stage.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Several suites start real servers and child processes: one file at a time keeps timings honest on 2 cores.
    fileParallelism: false,
  },
});
