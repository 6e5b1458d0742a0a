import { config } from "@orgboard/eslint-config";
// bin/ is a ten-line JS launcher outside the TypeScript project; test/fixture/src/generated is Prisma's output.
export default [
  { ignores: ["bin/**", "test/fixture/src/generated/**", "test/.tmp/**"] },
  ...config({ tsconfigRootDir: import.meta.dirname }),
];
