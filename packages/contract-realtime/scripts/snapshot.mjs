// Writes snapshots/<version>.json: the contract as JSON Schemas, what the compatibility gate compares
// across versions. Run after building (the package script does both).
import { contractSnapshot } from "@orgboard/contracts";
import { mkdirSync, writeFileSync } from "node:fs";
import { contract } from "../dist/index.js";

const dir = new URL("../snapshots/", import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`${contract.version}.json`, dir);
writeFileSync(file, `${JSON.stringify(contractSnapshot(contract), null, 2)}\n`);
console.log(`snapshots/${contract.version}.json written`);
