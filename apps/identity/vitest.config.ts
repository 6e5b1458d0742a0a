import { defineConfig } from "vitest/config";

// A real Keycloak (KEYCLOAK_URL) takes seconds for its first logins while the JVM warms up.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
