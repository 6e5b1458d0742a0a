import { Processes, startStack } from "./stack.js";

/** Starts the stack once for all tests; Playwright runs the returned function as the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const procs = new Processes();
  try {
    const stack = await startStack(procs);
    process.env.E2E_STACK = JSON.stringify(stack);
    for (const [part, why] of Object.entries(stack.missing)) console.log(`e2e: without ${part}: ${why}`);
  } catch (e) {
    await procs.stopAll();
    throw e;
  }
  return () => procs.stopAll();
}
