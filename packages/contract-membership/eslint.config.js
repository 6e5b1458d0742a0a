import { config } from "@orgboard/eslint-config";
// scripts/ holds the snapshot writer, plain JS run on the built package (outside the TypeScript project).
export default [{ ignores: ["scripts/**"] }, ...config({ tsconfigRootDir: import.meta.dirname })];
