import { defineConfig } from "vitest/config";

// Real HTTP servers and an embedded PostgreSQL: PGlite's first start (initdb in WebAssembly) takes
// ~12 s on an idle machine and much longer on a loaded CI box.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 120_000 } });
