import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { principalFromClaims, type Principal } from "./principal.js";

export type TokenErrorReason =
  | "missing"
  | "malformed"
  | "expired"
  | "not_yet_valid"
  | "bad_signature"
  | "unknown_key"
  | "alg_not_allowed"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_type"
  | "invalid_claims"
  | "jwks_unavailable";

// Vietnamese first, then English (users are Vietnamese officials); the same text reaches API callers,
// the CLI and socket clients.
const REASON_TEXT: Record<TokenErrorReason, readonly [vi: string, en: string]> = {
  missing: ["chưa gửi mã truy cập (access token)", "no access token"],
  malformed: ["mã truy cập sai định dạng", "the access token is malformed"],
  expired: ["mã truy cập đã hết hạn, hãy đăng nhập lại", "the access token has expired"],
  not_yet_valid: ["mã truy cập chưa có hiệu lực", "the access token is not valid yet"],
  bad_signature: ["chữ ký của mã truy cập không hợp lệ", "the access token signature is invalid"],
  unknown_key: ["mã truy cập được ký bằng khóa không xác định", "the access token is signed with an unknown key"],
  alg_not_allowed: ["mã truy cập dùng thuật toán ký không được phép", "the access token uses a signing algorithm that is not allowed"],
  wrong_issuer: ["mã truy cập do nơi cấp khác phát hành", "the access token was issued by another issuer"],
  wrong_audience: ["mã truy cập không dành cho dịch vụ này", "the access token is not meant for this service"],
  wrong_type: ["đây không phải mã truy cập", "the token is not an access token"],
  invalid_claims: ["thông tin trong mã truy cập không hợp lệ", "the access token claims are invalid"],
  jwks_unavailable: ["không tải được khóa ký của hệ thống định danh", "the identity provider's signing keys could not be loaded"],
};

/**
 * Why a token was refused. The message is fixed text per reason: it never contains the token or its
 * claims, so the error can be logged and returned as is.
 */
export class TokenError extends Error {
  override readonly name = "TokenError";
  constructor(readonly reason: TokenErrorReason) {
    super(`Chưa xác thực: ${REASON_TEXT[reason][0]} / Unauthorized: ${REASON_TEXT[reason][1]}`);
  }
}

export interface TokenVerifierOptions {
  /** Expected `iss`, e.g. `https://id.example.vn/realms/orgboard`. */
  issuer: string;
  /** This service's client id (or several); the token's `aud` must contain one. */
  audience: string | string[];
  /** Defaults to Keycloak's `<issuer>/protocol/openid-connect/certs`. */
  jwksUrl?: string;
  /** Allowed signature algorithms; Keycloak signs RS256. Never HS* (shared secret) nor `none`. */
  algorithms?: string[];
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockToleranceSec?: number;
  /**
   * Minimum time between two JWKS refetches caused by an unknown `kid`, so a flood of forged tokens
   * cannot hammer the identity provider. Rotation is picked up at the first token after this.
   */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch. */
  jwksCacheMaxAgeMs?: number;
  jwksTimeoutMs?: number;
  /** Inject a key source (tests); overrides jwksUrl. */
  keySource?: JWTVerifyGetKey;
}

export interface TokenVerifier {
  /** Verifies and maps to a Principal, or throws TokenError. */
  verifyAccessToken(token: string): Promise<Principal>;
  /** Same, from an `Authorization` header value; null header ⇒ TokenError("missing"). */
  verifyAuthorizationHeader(header: string | null | undefined): Promise<Principal>;
}

const MAX_TOKEN_LENGTH = 16 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function reasonOf(err: unknown): TokenErrorReason {
  if (err instanceof TokenError) return err.reason;
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case "nbf":
        return "not_yet_valid";
      case "iss":
        return "wrong_issuer";
      case "aud":
        return "wrong_audience";
      default:
        return "invalid_claims";
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return "alg_not_allowed";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return "unknown_key";
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return "jwks_unavailable";
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return "malformed";
  if (err instanceof errors.JOSEError) {
    // createRemoteJWKSet reports a non-200 JWKS answer as a generic JOSEError.
    return /JSON Web Key Set/i.test(err.message) ? "jwks_unavailable" : "malformed";
  }
  // fetch() of the JWKS failed (connection refused, DNS): a TypeError from undici.
  if (err instanceof TypeError) return "jwks_unavailable";
  return "malformed";
}

export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const jwksUrl = opts.jwksUrl ?? `${opts.issuer.replace(/\/+$/, "")}/protocol/openid-connect/certs`;
  const keys: JWTVerifyGetKey =
    opts.keySource ??
    createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: opts.jwksCooldownMs ?? 30_000,
      cacheMaxAge: opts.jwksCacheMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: opts.jwksTimeoutMs ?? 5_000,
    });
  const algorithms = opts.algorithms ?? ["RS256"];
  for (const alg of algorithms) {
    if (alg === "none" || /^HS/i.test(alg)) throw new Error(`createTokenVerifier: algorithm ${alg} is not allowed`);
  }

  async function verifyAccessToken(token: string): Promise<Principal> {
    if (typeof token !== "string" || token.length === 0) throw new TokenError("missing");
    if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) throw new TokenError("malformed");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: opts.issuer,
        audience: opts.audience,
        algorithms,
        clockTolerance: opts.clockToleranceSec ?? 5,
        requiredClaims: ["exp", "sub", "iat"],
      }));
    } catch (err) {
      // Deliberately not chained as `cause`: jose errors carry the decoded payload.
      throw new TokenError(reasonOf(err));
    }
    // Keycloak marks access tokens `typ: Bearer`; refuse ID/refresh tokens presented as access tokens.
    if (payload.typ !== undefined && payload.typ !== "Bearer") throw new TokenError("wrong_type");
    const principal = principalFromClaims(payload);
    if (!principal) throw new TokenError("invalid_claims");
    return principal;
  }

  return {
    verifyAccessToken,
    async verifyAuthorizationHeader(header) {
      if (header === null || header === undefined || header.trim() === "") throw new TokenError("missing");
      const match = /^Bearer +(\S+)\s*$/i.exec(header);
      if (!match?.[1]) throw new TokenError("malformed");
      return verifyAccessToken(match[1]);
    },
  };
}
