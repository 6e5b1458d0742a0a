import { config } from "@orgboard/eslint-config";

// scripts/snapshot.mjs runs on the built package (plain JS, outside the TypeScript project).
export default [{ ignores: ["scripts/*.mjs"] }, ...config({ tsconfigRootDir: import.meta.dirname })];
