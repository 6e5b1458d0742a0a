// Writes snapshots/<version>.json: the contract as JSON Schemas (contractSnapshot), pretty-printed, for
// the compatibility gate. Run on the built package: `pnpm --filter @orgboard/contract-membership run snapshot`.
import { writeFileSync } from "node:fs";
import { contractSnapshot } from "@orgboard/contracts";
import { contract } from "../dist/index.js";

const file = new URL(`../snapshots/${contract.version}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(contractSnapshot(contract), null, 2)}\n`);
console.log(`wrote snapshots/${contract.version}.json (${contract.service} ${contract.version})`);
