// `pnpm turbo run test:sso`: the sign-in flow test (flow.test.ts) against a real Keycloak 26, which CI runs
// only when one is there. Without KEYCLOAK_URL it says why it did nothing, and succeeds.
import { spawnSync } from "node:child_process";

const url = process.env["KEYCLOAK_URL"];
if (!url) {
  console.log(
    "test:sso: KEYCLOAK_URL is not set, so nothing was run. To run it: infra/keycloak/run-keycloak.sh, then " +
      "KEYCLOAK_URL=http://127.0.0.1:8180 pnpm turbo run test:sso (the test starts the VNeID simulator on :8190).",
  );
  process.exit(0);
}
try {
  const res = await fetch(`${url.replace(/\/$/, "")}/realms/orgboard/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
} catch (e) {
  console.error(`test:sso: KEYCLOAK_URL=${url} has no orgboard realm (${e instanceof Error ? e.message : String(e)}); start it with infra/keycloak/run-keycloak.sh`);
  process.exit(1);
}
const r = spawnSync("vitest", ["run", "test/flow.test.ts"], { stdio: "inherit" });
process.exit(r.status ?? 1);
