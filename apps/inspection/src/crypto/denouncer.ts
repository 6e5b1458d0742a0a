// The denouncer's identity (người tố cáo: name, national ID, address, contact) sealed with AES-256-GCM
// (docs/security.md "Denouncer protection", rotation: docs/runbooks/rotate-denouncer-keys.md).
// Keys come from INSPECTION_DENOUNCER_KEYS, `kid:base64key,…`: the first key seals, every key opens, so a
// new key is put first while rows sealed with the old one are re-sealed (`resealDenouncer`). A sealed
// value names its key id, and is bound to its petition id (GCM additional data): a ciphertext copied onto
// another petition, or edited by one bit, does not open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** What the denouncer gave about themself. Only `name` is required by the contract; the rest may be null. */
export interface DenouncerIdentity {
  name: string;
  nationalId: string | null;
  address: string | null;
  contact: string | null;
}

export interface DenouncerKey {
  /** Short id stored in every sealed value: which key opens it. */
  kid: string;
  key: Buffer;
}

/** The configured keys: `current` seals, every key in `byKid` opens. */
export interface DenouncerKeyring {
  current: DenouncerKey;
  byKid: ReadonlyMap<string, Buffer>;
}

/** A sealed identity as stored: the text and, separately, its key id (indexed, so a rotation finds its rows). */
export interface SealedDenouncer {
  sealed: string;
  kid: string;
}

/** Wrong configuration or a value that does not open: the message is bilingual and never carries key bytes. */
export class DenouncerCryptoError extends Error {
  constructor(
    readonly reason: "config" | "unknown_key" | "malformed" | "tampered",
    message: string,
  ) {
    super(message);
    this.name = "DenouncerCryptoError";
  }
}

const VERSION = "v1";
const KID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Plaintexts are padded to a multiple of this so the stored length hints less at a name's length. */
const PAD_TO = 64;

const bi = (vi: string, en: string) => `${vi} / ${en}`;

/**
 * Parses `kid1:base64key,kid2:base64key` (base64 or base64url, 32 bytes each). Throws a bilingual
 * DenouncerCryptoError naming the entry (by position and key id, never the key) when anything is wrong.
 */
export function parseDenouncerKeys(spec: string): DenouncerKeyring {
  const entries = spec
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (entries.length === 0) throw new DenouncerCryptoError("config", bi("không có khóa nào", "has no key"));
  const byKid = new Map<string, Buffer>();
  let current: DenouncerKey | undefined;
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(":");
    const kid = colon < 0 ? "" : entry.slice(0, colon);
    const encoded = colon < 0 ? "" : entry.slice(colon + 1).trim();
    const where = `#${i + 1}${KID.test(kid) ? ` (${kid})` : ""}`;
    if (!KID.test(kid)) {
      throw new DenouncerCryptoError(
        "config",
        bi(`khóa ${where}: phải có dạng mã-khóa:base64, mã khóa gồm 1–32 chữ, số, '_' hoặc '-'`, `key ${where}: must be kid:base64key, the kid 1–32 letters, digits, '_' or '-'`),
      );
    }
    if (byKid.has(kid)) throw new DenouncerCryptoError("config", bi(`mã khóa ${kid} bị lặp`, `key id ${kid} appears twice`));
    // Node's base64 decoder reads both alphabets (base64 and base64url); the pattern refuses anything else.
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) ? Buffer.from(encoded, "base64") : Buffer.alloc(0);
    if (key.length !== 32) {
      throw new DenouncerCryptoError("config", bi(`khóa ${where}: phải là 32 byte mã hóa base64`, `key ${where}: must be 32 bytes in base64`));
    }
    byKid.set(kid, key);
    current ??= { kid, key };
  });
  return { current: current!, byKid };
}

/** A fresh key entry for INSPECTION_DENOUNCER_KEYS (`kid:base64`), for the runbook and development. */
export function newDenouncerKeyEntry(kid: string): string {
  if (!KID.test(kid)) throw new DenouncerCryptoError("config", bi("mã khóa không hợp lệ", "invalid key id"));
  return `${kid}:${randomBytes(32).toString("base64")}`;
}

function additionalData(petitionId: string, kid: string): Buffer {
  // The key id is authenticated too: relabelling a value with another kid makes it fail, not decrypt.
  return Buffer.from(`orgboard/inspection/denouncer/${VERSION}|${petitionId}|${kid}`, "utf8");
}

/** Seals an identity for the petition `petitionId` with the current key. */
export function sealDenouncer(ring: DenouncerKeyring, petitionId: string, identity: DenouncerIdentity): SealedDenouncer {
  const { kid, key } = ring.current;
  const json = JSON.stringify({ name: identity.name, nationalId: identity.nationalId, address: identity.address, contact: identity.contact });
  const raw = Buffer.from(json, "utf8");
  // Trailing spaces are valid JSON whitespace, so the padding needs no length field.
  const plain = Buffer.concat([raw, Buffer.alloc((PAD_TO - (raw.length % PAD_TO)) % PAD_TO, 0x20)]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(petitionId, kid));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { sealed: [VERSION, kid, iv.toString("base64url"), ct.toString("base64url"), tag.toString("base64url")].join("."), kid };
}

/** The key id a sealed value names (without opening it). */
export function sealedKeyId(sealed: string): string {
  return parts(sealed).kid;
}

function parts(sealed: string): { kid: string; iv: Buffer; ct: Buffer; tag: Buffer } {
  const p = sealed.split(".");
  const b64 = /^[A-Za-z0-9_-]*$/;
  if (p.length !== 5 || p[0] !== VERSION || !KID.test(p[1]!) || !p.slice(2).every((x) => b64.test(x))) {
    throw new DenouncerCryptoError("malformed", bi("dữ liệu người tố cáo đã mã hóa bị hỏng", "the sealed denouncer identity is malformed"));
  }
  const iv = Buffer.from(p[2]!, "base64url");
  const ct = Buffer.from(p[3]!, "base64url");
  const tag = Buffer.from(p[4]!, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || ct.length === 0) {
    throw new DenouncerCryptoError("malformed", bi("dữ liệu người tố cáo đã mã hóa bị hỏng", "the sealed denouncer identity is malformed"));
  }
  return { kid: p[1]!, iv, ct, tag };
}

/**
 * Opens a sealed identity of the petition `petitionId`. Throws `unknown_key` when its key is not configured
 * (removed too early: see the runbook), `tampered` when the value, its key id or its petition do not match.
 */
export function openDenouncer(ring: DenouncerKeyring, petitionId: string, sealed: string): DenouncerIdentity {
  const { kid, iv, ct, tag } = parts(sealed);
  const key = ring.byKid.get(kid);
  if (!key) {
    throw new DenouncerCryptoError("unknown_key", bi(`khóa ${kid} không có trong INSPECTION_DENOUNCER_KEYS`, `key ${kid} is not in INSPECTION_DENOUNCER_KEYS`));
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(petitionId, kid));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new DenouncerCryptoError("tampered", bi("dữ liệu người tố cáo không xác thực được (bị sửa hoặc sai khóa)", "the sealed denouncer identity failed authentication (altered, or the wrong key)"));
  }
  const value = JSON.parse(plain.toString("utf8")) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return { name: text(value.name) ?? "", nationalId: text(value.nationalId), address: text(value.address), contact: text(value.contact) };
}

/**
 * Re-seals a value with the current key when another key sealed it (rotation). Returns null when it is
 * already sealed with the current key (nothing to write). Throws like `openDenouncer`.
 */
export function resealDenouncer(ring: DenouncerKeyring, petitionId: string, sealed: string): SealedDenouncer | null {
  if (sealedKeyId(sealed) === ring.current.kid) return null;
  return sealDenouncer(ring, petitionId, openDenouncer(ring, petitionId, sealed));
}
