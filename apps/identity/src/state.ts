// The identity server's secrets: the realm's and the VNeID simulator's signing keys, the cookie secret and the
// key that wraps refresh tokens. Without a data directory they are new at each start (a restart signs everyone
// out); with one they are made once and kept in <dataDir>/keys.json, so that tokens, sessions and cookies
// outlive a restart. Deleting the file (or the directory) rotates them all and signs everyone out.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";

export interface SigningKey {
  privateJwk: JWK & { kid: string };
  publicJwk: JWK & { kid: string };
}

export interface IdentitySecrets {
  realmKey: SigningKey;
  vneidKey: SigningKey;
  cookieSecret: string;
  /** HS256 key of the realm's refresh-token wrapper (see realm/provider.ts). */
  refreshSecret: Uint8Array;
}

export const SECRETS_FILE = "keys.json";

const privateRsaJwk = z.looseObject({
  kty: z.literal("RSA"),
  kid: z.string().min(1),
  n: z.string().min(1),
  e: z.string().min(1),
  d: z.string().min(1),
  p: z.string().min(1),
  q: z.string().min(1),
  dp: z.string().min(1),
  dq: z.string().min(1),
  qi: z.string().min(1),
});
const fileSchema = z.object({
  version: z.literal(1),
  realmKey: privateRsaJwk,
  vneidKey: privateRsaJwk,
  cookieSecret: z.string().min(32),
  refreshSecret: z.string().min(43),
});
type SecretsFile = z.infer<typeof fileSchema>;

/** A stored state file that cannot be used; its message names the file and what to do. */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`identity state file ${file} is unusable (${reason}). It is written only by the identity server, atomically, so something else changed it: restore it, or delete it to start afresh (that signs every official out and, for ${SECRETS_FILE}, rotates the signing keys).`);
    this.name = "StateFileError";
  }
}

const PRIVATE_PARAMS = new Set(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]);

function fromPrivate(jwk: JWK & { kid: string }): SigningKey {
  const publicJwk = Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_PARAMS.has(k))) as JWK & { kid: string };
  return { privateJwk: { ...jwk, alg: "RS256", use: "sig" }, publicJwk: { ...publicJwk, alg: "RS256", use: "sig" } };
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return fromPrivate({ ...(await exportJWK(privateKey)), kid: randomUUID() });
}

/** Fresh secrets, kept nowhere (no data directory). */
export async function generateSecrets(): Promise<IdentitySecrets> {
  return { realmKey: await newSigningKey(), vneidKey: await newSigningKey(), cookieSecret: randomBytes(32).toString("base64url"), refreshSecret: randomBytes(32) };
}

/**
 * Reads a JSON state file in the shape `schema` gives; undefined when it does not exist, a StateFileError
 * naming the file and the first problem when it cannot be used.
 */
export async function readStateFile<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(file, `cannot read it: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw new StateFileError(file, `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StateFileError(file, `${issue?.path.join(".") || "content"}: ${issue?.message}`);
}

/** The secrets kept in `<dataDir>/keys.json`, made and written (atomically, mode 0600) on first use. */
export async function loadOrCreateSecrets(dataDir: string): Promise<IdentitySecrets> {
  const file = join(dataDir, SECRETS_FILE);
  // Private to this user: it holds private keys and session records.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const s = await readStateFile(file, fileSchema);
  if (s !== undefined) {
    return {
      realmKey: fromPrivate(s.realmKey),
      vneidKey: fromPrivate(s.vneidKey),
      cookieSecret: s.cookieSecret,
      refreshSecret: Buffer.from(s.refreshSecret, "base64url"),
    };
  }
  const fresh = await generateSecrets();
  const content: SecretsFile = {
    version: 1,
    realmKey: fresh.realmKey.privateJwk as SecretsFile["realmKey"],
    vneidKey: fresh.vneidKey.privateJwk as SecretsFile["vneidKey"],
    cookieSecret: fresh.cookieSecret,
    refreshSecret: Buffer.from(fresh.refreshSecret).toString("base64url"),
  };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return fresh;
}
