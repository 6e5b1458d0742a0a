#!/usr/bin/env node
// The `orgboard` executable (root: `pnpm orgboard …`).
import { main } from "./program.js";

// `pnpm orgboard …` runs this in apps/cli; file arguments are meant relative to where the user typed it.
if (process.env.npm_lifecycle_event === "orgboard" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

process.exitCode = await main();
