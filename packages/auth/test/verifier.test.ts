import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, TokenError, type TokenErrorReason } from "../src/index.js";
import { createTestIssuer, BAD_TOKEN_KINDS, type BadTokenKind, type TestIssuer } from "../src/testing.js";

let idp: TestIssuer;
beforeAll(async () => {
  idp = await createTestIssuer({ audience: "membership" });
});
afterAll(async () => {
  await idp.close();
});

async function reasonFor(verify: () => Promise<unknown>): Promise<TokenErrorReason> {
  try {
    await verify();
  } catch (err) {
    expect(err).toBeInstanceOf(TokenError);
    return (err as TokenError).reason;
  }
  throw new Error("expected the token to be refused");
}

describe("createTokenVerifier", () => {
  it("verifies a good token and maps Keycloak claims to a Principal", async () => {
    const verifier = createTokenVerifier(idp.verifierOptions());
    const token = await idp.mint({
      sub: "u-1",
      roles: ["provincial_board", "offline_access", "default-roles-orgboard"],
      orgPaths: ["/01/01-007/", "/01/", "not a path", "/79/"],
      name: "Nguyễn Văn A",
      username: "nva",
    });
    const p = await verifier.verifyAccessToken(token);
    expect(p).toEqual({
      subject: "u-1",
      kind: "user",
      name: "Nguyễn Văn A",
      username: "nva",
      roles: ["provincial_board"],
      orgPaths: ["/01/", "/79/"],
      clientId: "dashboard",
    });
  });

  it("accepts aud as an array and central_board gets the whole tree", async () => {
    const verifier = createTokenVerifier(idp.verifierOptions("membership"));
    const token = await idp.mint({ audience: ["account", "membership"], roles: ["central_board"], orgPaths: [] });
    const p = await verifier.verifyAccessToken(token);
    expect(p.orgPaths).toEqual(["/"]);
  });

  it("maps a service account token", async () => {
    const verifier = createTokenVerifier(idp.verifierOptions());
    const p = await verifier.verifyAccessToken(await idp.mintService("realtime"));
    expect(p).toMatchObject({ kind: "service", clientId: "realtime", roles: ["service"], orgPaths: ["/"] });
  });

  const expected: Record<BadTokenKind, TokenErrorReason> = {
    expired: "expired",
    nbf_future: "not_yet_valid",
    wrong_aud: "wrong_audience",
    wrong_iss: "wrong_issuer",
    unknown_key: "unknown_key",
    alg_none: "alg_not_allowed",
    alg_hs256: "alg_not_allowed",
    tampered: "bad_signature",
    bad_signature: "bad_signature",
    no_exp: "invalid_claims",
    id_token: "wrong_type",
    garbage: "malformed",
  };
  it.each(BAD_TOKEN_KINDS.map((k) => [k]))("refuses a %s token with a reason and without echoing it", async (kind) => {
    const verifier = createTokenVerifier(idp.verifierOptions());
    const token = await idp.mintBad(kind);
    let caught: unknown;
    try {
      await verifier.verifyAccessToken(token);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TokenError);
    expect((caught as TokenError).reason).toBe(expected[kind]);
    const text = `${String(caught)} ${JSON.stringify(caught)} ${(caught as Error).stack}`;
    expect(text).not.toContain(token);
    for (const part of token.split(".")) if (part.length > 8) expect(text).not.toContain(part);
  });

  it("tolerates a little clock skew but not more", async () => {
    const verifier = createTokenVerifier({ ...idp.verifierOptions(), clockToleranceSec: 5 });
    await expect(verifier.verifyAccessToken(await idp.mint({ expiresIn: -2 }))).resolves.toBeTruthy();
    await expect(verifier.verifyAccessToken(await idp.mint({ notBefore: 3 }))).resolves.toBeTruthy();
    expect(await reasonFor(async () => verifier.verifyAccessToken(await idp.mint({ expiresIn: -30 })))).toBe("expired");
  });

  it("caches the JWKS and refetches on an unknown kid (key rotation)", async () => {
    const verifier = createTokenVerifier(idp.verifierOptions());
    const before = idp.jwksRequests;
    await verifier.verifyAccessToken(await idp.mint());
    await verifier.verifyAccessToken(await idp.mint());
    expect(idp.jwksRequests - before).toBe(1);
    await idp.rotateKey({ dropOld: true });
    await verifier.verifyAccessToken(await idp.mint());
    expect(idp.jwksRequests - before).toBe(2);
  });

  it("honours the refetch cooldown so forged kids cannot hammer the IdP", async () => {
    const verifier = createTokenVerifier({ ...idp.verifierOptions(), jwksCooldownMs: 60_000 });
    await verifier.verifyAccessToken(await idp.mint());
    const before = idp.jwksRequests;
    for (let i = 0; i < 5; i++) expect(await reasonFor(async () => verifier.verifyAccessToken(await idp.mintBad("unknown_key")))).toBe("unknown_key");
    expect(idp.jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it("reports an unreachable JWKS as jwks_unavailable", async () => {
    const verifier = createTokenVerifier({ ...idp.verifierOptions(), jwksUrl: "http://127.0.0.1:1/certs", jwksTimeoutMs: 1000 });
    expect(await reasonFor(async () => verifier.verifyAccessToken(await idp.mint()))).toBe("jwks_unavailable");
  });

  it("parses Authorization headers strictly", async () => {
    const verifier = createTokenVerifier(idp.verifierOptions());
    const token = await idp.mint();
    await expect(verifier.verifyAuthorizationHeader(`Bearer ${token}`)).resolves.toMatchObject({ kind: "user" });
    expect(await reasonFor(() => verifier.verifyAuthorizationHeader(undefined))).toBe("missing");
    expect(await reasonFor(() => verifier.verifyAuthorizationHeader(`Basic ${token}`))).toBe("malformed");
    expect(await reasonFor(() => verifier.verifyAuthorizationHeader(`Bearer a b`))).toBe("malformed");
    expect(await reasonFor(() => verifier.verifyAccessToken("x".repeat(20_000)))).toBe("malformed");
  });

  it("refuses to be configured with HS256 or none", () => {
    expect(() => createTokenVerifier({ ...idp.verifierOptions(), algorithms: ["HS256"] })).toThrow(/not allowed/);
    expect(() => createTokenVerifier({ ...idp.verifierOptions(), algorithms: ["none"] })).toThrow(/not allowed/);
  });
});
