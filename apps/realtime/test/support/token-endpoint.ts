import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestIssuer } from "@orgboard/auth/testing";

/**
 * The identity provider's token endpoint for the client-credentials grant, minting with the test issuer:
 * child-process gateways fetch their service token exactly as they would from Keycloak.
 */
export async function startTokenEndpoint(
  issuer: TestIssuer,
  opts: { clientId: string; clientSecret: string; audiences: string[]; expiresIn?: number },
): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      requests += 1;
      const form = new URLSearchParams(body);
      if (req.method !== "POST" || form.get("grant_type") !== "client_credentials") {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "unsupported_grant_type" }));
        return;
      }
      if (form.get("client_id") !== opts.clientId || form.get("client_secret") !== opts.clientSecret) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "invalid_client" }));
        return;
      }
      const expiresIn = opts.expiresIn ?? 300;
      issuer.mintService(opts.clientId, { audience: [opts.clientId, ...opts.audiences], expiresIn }).then(
        (token) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: expiresIn }));
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
