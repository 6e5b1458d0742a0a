// The probes the Kubernetes manifest (infra/k8s) points at: /healthz (liveness) and /readyz (readiness).
import { afterEach, describe, expect, it } from "vitest";
import { startIdentity, type IdentityServer } from "../src/index.js";

let server: IdentityServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("probes", () => {
  it("answers /healthz and /readyz with 200 once started", async () => {
    server = await startIdentity({ port: 0 });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-store");
    expect(await ready.text()).toBe("ready");
  });

  it("serves the realm it reports ready for", async () => {
    server = await startIdentity({ port: 0 });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const discovery = await fetch(`${server.realmUrl}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });
});
