import { defineConfig } from "vitest/config";

// Real HTTP servers and an embedded PostgreSQL: give them time to start.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
