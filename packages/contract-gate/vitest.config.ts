import { defineConfig } from "vitest/config";

// The CLI tests start the bin and git many times per test: allow for a busy CI machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 30_000 } });
