/**
 * A real, tiny identity provider for tests: an HTTP server on 127.0.0.1 serving a JWKS at Keycloak's
 * path, and a signer for Keycloak-shaped access tokens (good and deliberately bad ones).
 */
import { createServer, type Server } from "node:http";
import { randomUUID, createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type CryptoKey } from "jose";
import type { TokenVerifierOptions } from "./verifier.js";

export interface MintOptions {
  sub?: string;
  // Any string, so tests can send roles Keycloak adds that we must ignore.
  roles?: string[];
  orgPaths?: string[];
  /** `aud`; defaults to the issuer's default audience. */
  audience?: string | string[];
  azp?: string;
  name?: string;
  username?: string;
  /** Seconds from now until `exp` (negative ⇒ already expired). Default 300. */
  expiresIn?: number;
  /** Seconds from now for `nbf` (omitted by default). */
  notBefore?: number;
  /** Seconds from now for `iat`. Default 0. */
  issuedAt?: number;
  issuer?: string;
  /** `typ` claim; Keycloak access tokens say "Bearer". */
  typ?: string | null;
  /** Extra claims merged last. */
  extra?: Record<string, unknown>;
}

export type BadTokenKind =
  | "expired"
  | "nbf_future"
  | "wrong_aud"
  | "wrong_iss"
  | "unknown_key"
  | "alg_none"
  | "alg_hs256"
  | "tampered"
  | "bad_signature"
  | "no_exp"
  | "id_token"
  | "garbage";

export const BAD_TOKEN_KINDS: readonly BadTokenKind[] = [
  "expired",
  "nbf_future",
  "wrong_aud",
  "wrong_iss",
  "unknown_key",
  "alg_none",
  "alg_hs256",
  "tampered",
  "bad_signature",
  "no_exp",
  "id_token",
  "garbage",
];

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  spki: string;
}

export interface TestIssuer {
  /** `http://127.0.0.1:<port>/realms/orgboard` */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly defaultAudience: string;
  /** How many times the JWKS was fetched (to observe caching/rotation). */
  readonly jwksRequests: number;
  /** Options for createTokenVerifier, with no refetch cooldown so rotation is seen at once. */
  verifierOptions(audience?: string | string[]): TokenVerifierOptions;
  mint(opts?: MintOptions): Promise<string>;
  /** A client-credentials token of another service (`role: service`, `azp: clientId`). */
  mintService(clientId: string, opts?: MintOptions): Promise<string>;
  mintBad(kind: BadTokenKind, opts?: MintOptions): Promise<string>;
  /** New signing key; the old one stays published unless `dropOld`. */
  rotateKey(opts?: { dropOld?: boolean }): Promise<void>;
  close(): Promise<void>;
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicJwk, spki: await exportSPKI(publicKey) };
}

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString("base64url");
}

export async function createTestIssuer(opts: { audience?: string; realm?: string } = {}): Promise<TestIssuer> {
  const realm = opts.realm ?? "orgboard";
  const defaultAudience = opts.audience ?? "membership";
  let keys: SigningKey[] = [await newKey()];
  let jwksRequests = 0;
  // A key this issuer never publishes; made once (RSA generation is slow on a busy machine).
  let stranger: Promise<SigningKey> | null = null;

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === `/realms/${realm}/protocol/openid-connect/certs`) {
      jwksRequests += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
      return;
    }
    if (path === `/realms/${realm}/.well-known/openid-configuration`) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issuer, jwks_uri: jwksUrl }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/realms/${realm}`;
  const jwksUrl = `${issuer}/protocol/openid-connect/certs`;

  const current = (): SigningKey => keys[keys.length - 1]!;

  function claimsOf(o: MintOptions): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: o.issuer ?? issuer,
      aud: o.audience ?? defaultAudience,
      azp: o.azp ?? "dashboard",
      sub: o.sub ?? randomUUID(),
      iat: now + (o.issuedAt ?? 0),
      exp: now + (o.expiresIn ?? 300),
      jti: randomUUID(),
      realm_access: { roles: o.roles ?? ["viewer"] },
      org_paths: o.orgPaths ?? ["/01/"],
      name: o.name ?? "Test User",
      preferred_username: o.username ?? "test.user",
    };
    if (o.typ !== null) claims.typ = o.typ ?? "Bearer";
    if (o.notBefore !== undefined) claims.nbf = now + o.notBefore;
    return { ...claims, ...o.extra };
  }

  async function sign(claims: Record<string, unknown>, key: SigningKey = current()): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" }).sign(key.privateKey);
  }

  const mint = (o: MintOptions = {}) => sign(claimsOf(o));

  async function mintBad(kind: BadTokenKind, o: MintOptions = {}): Promise<string> {
    switch (kind) {
      case "expired":
        return mint({ ...o, issuedAt: -3600, expiresIn: -600 });
      case "nbf_future":
        return mint({ ...o, notBefore: 600 });
      case "wrong_aud":
        return mint({ ...o, audience: "some-other-service" });
      case "wrong_iss":
        return mint({ ...o, issuer: "http://127.0.0.1:1/realms/evil" });
      case "unknown_key":
        stranger ??= newKey();
        return sign(claimsOf(o), await stranger);
      case "alg_none":
        return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claimsOf(o))}.`;
      case "alg_hs256": {
        // The classic key-confusion attack: HMAC keyed with the published public key.
        const input = `${b64url({ alg: "HS256", typ: "JWT", kid: current().kid })}.${b64url(claimsOf(o))}`;
        return `${input}.${createHmac("sha256", current().spki).update(input).digest("base64url")}`;
      }
      case "tampered": {
        // A genuine token whose payload was edited afterwards to grant central_board at `/`.
        const [h, , s] = (await mint(o)).split(".");
        const forged = claimsOf({ ...o, roles: ["central_board"], orgPaths: ["/"] });
        return `${h}.${b64url(forged)}.${s}`;
      }
      case "bad_signature": {
        const [h, p, s] = (await mint(o)).split(".");
        const sig = Buffer.from(s!, "base64url");
        sig[0] = sig[0]! ^ 0xff;
        return `${h}.${p}.${sig.toString("base64url")}`;
      }
      case "no_exp": {
        const claims = claimsOf(o);
        delete claims.exp;
        return sign(claims);
      }
      case "id_token":
        return mint({ ...o, typ: "ID" });
      case "garbage":
        return "not-a-jwt";
    }
  }

  return {
    issuer,
    jwksUrl,
    defaultAudience,
    get jwksRequests() {
      return jwksRequests;
    },
    verifierOptions: (audience = defaultAudience) => ({ issuer, audience, jwksUrl, jwksCooldownMs: 0 }),
    mint,
    mintService: (clientId, o = {}) =>
      mint({ orgPaths: ["/"], ...o, roles: ["service", ...(o.roles ?? [])], azp: clientId, username: `service-account-${clientId}` }),
    mintBad,
    async rotateKey({ dropOld = false } = {}) {
      const k = await newKey();
      keys = dropOld ? [k] : [...keys, k];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * The identity provider's token endpoint for the client-credentials grant, minting with the test issuer:
 * services started by a test (in process or as child processes) fetch their service token exactly as
 * they would from Keycloak (`clientCredentials`).
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
