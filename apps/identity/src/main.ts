// `pnpm --filter @orgboard/identity start`: both issuers on ORGBOARD_IDENTITY_PORT (default 8190).
import { optionsFromEnv } from "./config.js";
import { startIdentity } from "./server.js";

try {
  const identity = await startIdentity(optionsFromEnv());
  console.log(`identity: realm ${identity.realmUrl}`);
  console.log(`identity: VNeID simulator ${identity.vneidUrl}`);
  const stop = () => void identity.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
