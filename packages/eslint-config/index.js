// Shared flat config: type-aware rules so that a forgotten `await` (a floating promise) fails lint.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** @param {{ tsconfigRootDir: string }} opts */
export function config({ tsconfigRootDir }) {
  return tseslint.config(
    { ignores: ["dist/**", "src/generated/**", "coverage/**", "**/*.d.ts", "*.config.*"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
        "@typescript-eslint/no-floating-promises": "error",
        "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
        "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        "@typescript-eslint/only-throw-error": "error",
        "no-console": "off",
      },
    },
    {
      files: ["test/**", "bench/**", "**/*.test.ts"],
      rules: {
        "@typescript-eslint/no-non-null-assertion": "off",
        "@typescript-eslint/no-unsafe-assignment": "off",
        "@typescript-eslint/no-unsafe-member-access": "off",
      },
    },
  );
}
