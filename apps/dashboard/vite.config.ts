import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { isSourceMap, securityHeaders } from "../../infra/images/dashboard/security-headers.mjs";

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

// `vite preview` (what `orgboard start` serves) answers with the image's security headers (CSP, no
// framing, nosniff, Referrer-Policy: infra/images/dashboard/security-headers.mjs). The CSP names the
// origins of the served copy's config.json, which `orgboard start` writes after this config is loaded, so
// the headers are set per request rather than as static `preview.headers`; source maps are never served.
function securityHeadersPlugin(): Plugin {
  return {
    name: "orgboard-security-headers",
    configurePreviewServer(server) {
      const configFile = resolve(server.config.root, server.config.build.outDir, "config.json");
      server.middlewares.use((req, res, next) => {
        let configText: string | undefined;
        try {
          configText = readFileSync(configFile, "utf8");
        } catch {
          configText = undefined;
        }
        for (const [name, value] of Object.entries(securityHeaders(configText))) res.setHeader(name, value);
        if (isSourceMap(new URL(req.url ?? "/", "http://x").pathname)) {
          res.statusCode = 404;
          res.end("not found");
          return;
        }
        next();
      });
    },
  };
}

/** The npm package a module belongs to (pnpm nests them, so the last node_modules wins), or undefined. */
function packageOf(id: string): string | undefined {
  const path = id.replaceAll("\\", "/");
  const at = path.lastIndexOf("/node_modules/");
  if (at < 0) return undefined;
  const [scope, name] = path.slice(at + "/node_modules/".length).split("/");
  return scope?.startsWith("@") ? `${scope}/${name}` : scope;
}

// Libraries in chunks of their own, so a new release of the dashboard re-downloads only its own code
// while the browser keeps React, Mantine, the socket and sign-in libraries cached (officials on slow
// provincial links). A group also takes the packages its members import. "$initial" keeps the first
// screen's groups to what that screen imports: a part used only by a screen loaded on demand
// (Mantine's NumberInput in the consoles) stays with that screen. Vite 8 bundles with Rolldown, whose
// `codeSplitting.groups` replaces Rollup's manualChunks (deprecated there).
const FIRST_SCREEN = ["$initial" as const];
const isPackage = (...names: string[]) => (id: string) => names.includes(packageOf(id) ?? "");
const chunkGroups = [
  { name: "react", test: isPackage("react", "react-dom", "scheduler"), tags: FIRST_SCREEN, priority: 50 },
  { name: "mantine", test: isPackage("@mantine/core", "@mantine/hooks"), tags: FIRST_SCREEN, priority: 40 },
  { name: "keycloak", test: isPackage("keycloak-js"), tags: FIRST_SCREEN, priority: 30 },
  { name: "socket", test: isPackage("socket.io-client"), tags: FIRST_SCREEN, priority: 30 },
  { name: "i18n", test: (id: string) => isPackage("i18next", "react-i18next")(id) || /[\\/]packages[\\/]locale-vi[\\/]/.test(id), tags: FIRST_SCREEN, priority: 30 },
  { name: "data", test: isPackage("@tanstack/react-query", "@tanstack/query-core", "@trpc/client", "@trpc/server", "zod"), tags: FIRST_SCREEN, priority: 30 },
  // Fetched only with the KPI screen and with the province drill-down list.
  { name: "charts", test: isPackage("@mantine/charts", "recharts"), priority: 20 },
  { name: "table", test: isPackage("@tanstack/react-table", "@tanstack/react-virtual"), priority: 20 },
  // The first screen's own code: without this group Rolldown cuts the modules that the lazy screens
  // share with it into extra tiny chunks; with it they stay in the entry chunk.
  { name: "app", test: (id: string) => packageOf(id) === undefined, tags: FIRST_SCREEN, priority: 10 },
];

export default defineConfig({
  plugins: [react(), provincesPlugin(), securityHeadersPlugin()],
  build: {
    target: "es2022",
    // No source maps in dist/: they would publish the whole source to anyone (#9).
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups } } },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
  },
});
