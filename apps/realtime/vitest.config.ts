import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Several suites start real servers and child processes: one file at a time keeps timings honest on 2 cores.
    fileParallelism: false,
  },
});
