import { config } from "@orgboard/eslint-config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default [
  { ignores: ["e2e/run.mjs", "test-results/**"] },
  ...config({ tsconfigRootDir: import.meta.dirname }),
  reactHooks.configs.flat["recommended-latest"] ?? reactHooks.configs["recommended-latest"],
  { files: ["src/**", "test/**"], languageOptions: { globals: { ...globals.browser } } },
];
