import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// Province names for tiles and unit labels, cut at build time from the admin-units dataset (34
// provinces since 1 July 2025) so the bundle carries ~2 KB instead of the whole 360 KB commune list.
function provincesPlugin(): Plugin {
  const id = "virtual:provinces";
  const file = fileURLToPath(new URL("../../packages/admin-units/data/units-2025.json", import.meta.url));
  return {
    name: "orgboard-provinces",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      this.addWatchFile(file);
      const data = JSON.parse(readFileSync(file, "utf8")) as {
        units: { code: string; name: string; short_name: string; level: number }[];
      };
      const provinces = data.units
        .filter((u) => u.level === 1)
        .map((u) => ({ code: u.code, name: u.name, shortName: u.short_name }));
      return `export default ${JSON.stringify(provinces)};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), provincesPlugin()],
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
  },
});
