// Prints the membership authorization matrix for docs/security.md: `npx tsx test/api/print-matrix.ts`.
import { renderMatrix } from "./matrix.js";
import "../../src/policy.js";

console.log(renderMatrix());
