// Prints the conference authorization matrix for docs/security.md: `npx tsx test/integration/print-matrix.ts`.
import { renderMatrix } from "./matrix.js";

console.log(renderMatrix());
