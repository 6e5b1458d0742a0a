import { defineConfig } from "vitest/config";

// Real HTTP servers and RSA key generation: allow for a busy CI machine.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
