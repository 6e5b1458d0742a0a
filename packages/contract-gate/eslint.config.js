import { config } from "@orgboard/eslint-config";
// bin/ is a ten-line JS launcher outside the TypeScript project.
export default [{ ignores: ["bin/**"] }, ...config({ tsconfigRootDir: import.meta.dirname })];
