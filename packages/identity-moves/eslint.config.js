import { config } from "@orgboard/eslint-config";
export default config({ tsconfigRootDir: import.meta.dirname });
