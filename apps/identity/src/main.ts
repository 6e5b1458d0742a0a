// `pnpm --filter @orgboard/identity start`: both issuers on PORT (default 8190). Configuration:
// docs/configuration.md; a missing, malformed or renamed variable stops the start (exit 78) naming it.
import { optionsFromEnv } from "./config.js";
import { startIdentity } from "./server.js";

const options = optionsFromEnv();
try {
  const identity = await startIdentity(options);
  console.log(`identity: realm ${identity.realmUrl}`);
  console.log(`identity: VNeID simulator ${identity.vneidUrl}`);
  const { dataDir } = options;
  console.log(dataDir ? `identity: keys and sessions kept in ${dataDir}` : "identity: keys and sessions in memory (DATA_DIR unset): a restart signs everyone out");
  // Stopping writes the sessions and tokens still waiting to be written (DATA_DIR).
  const stop = () =>
    void identity.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`identity: stopping failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
