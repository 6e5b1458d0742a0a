#!/usr/bin/env node
// The `orgboard` executable (root: `pnpm orgboard …`).
import { main } from "./program.js";

process.exitCode = await main();
