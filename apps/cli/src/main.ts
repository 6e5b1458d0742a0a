#!/usr/bin/env node
// The `orgboard` executable (root: `pnpm orgboard …`).
import { main } from "./program.js";

// `pnpm orgboard …` runs this in apps/cli; file arguments are meant relative to where the user typed it.
if (process.env.npm_lifecycle_event === "orgboard" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

// An explicit exit, not the event loop running dry: on a natural exit Node closes its signal handles (the
// default action comes back) before the process ends, so a Ctrl-C in that window killed a CLI whose seed or
// import had been committed, and "killed by SIGINT" read as "nothing written" (kill suite, stop 22's CI).
// process.exit keeps our handler installed to the end. It does not wait for a pipe to take what is still
// buffered (a slow reader got 64 KiB of 10 MB), so standard output and error are flushed first.
const code = await main();
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write("", () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
