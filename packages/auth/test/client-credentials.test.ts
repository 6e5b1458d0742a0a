import { describe, expect, it } from "vitest";
import { clientCredentials } from "../src/client-credentials.js";
import { createTestIssuer, startTokenEndpoint } from "../src/testing.js";

describe("clientCredentials", () => {
  it("fetches a token by client credentials, caches it, and reports a refusal clearly", async () => {
    const issuer = await createTestIssuer({ audience: "realtime" });
    const ep = await startTokenEndpoint(issuer, { clientId: "realtime", clientSecret: "s", audiences: ["membership"] });
    try {
      const get = clientCredentials({ tokenUrl: ep.url, clientId: "realtime", clientSecret: "s" });
      const [a, b] = await Promise.all([get(), get()]);
      expect(a).toBe(b);
      expect(await get()).toBe(a);
      expect(ep.requests()).toBe(1);
      const payload = JSON.parse(Buffer.from(a.split(".")[1]!, "base64url").toString()) as { aud: string[]; realm_access: { roles: string[] } };
      expect(payload.aud).toContain("membership");
      expect(payload.realm_access.roles).toContain("service");

      const bad = clientCredentials({ tokenUrl: ep.url, clientId: "realtime", clientSecret: "wrong" });
      await expect(bad()).rejects.toThrow(/token request to .* failed: HTTP 401 .*invalid_client/);
    } finally {
      await ep.close();
      await issuer.close();
    }
  });
});
