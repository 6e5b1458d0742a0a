// The denouncer's identity sealed with AES-256-GCM: it opens only with its key, for its petition, unaltered;
// rotation re-seals with the first key; development keys are kept in the data directory.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DenouncerCryptoError,
  newDenouncerKeyEntry,
  openDenouncer,
  parseDenouncerKeys,
  resealDenouncer,
  sealDenouncer,
  sealedKeyId,
  type DenouncerIdentity,
} from "../../src/crypto/denouncer.js";
import { DEVELOPMENT_KEYS_FILE, loadOrCreateDevelopmentKeys, resolveDenouncerKeys } from "../../src/crypto/keys.js";

const who: DenouncerIdentity = { name: "Nguyễn Văn An", nationalId: "001085012345", address: "12 Hàng Bài, Hoàn Kiếm, Hà Nội", contact: "0912 345 678" };
const petition = "0193a6f0-7c3e-7000-8000-000000000001";
const other = "0193a6f0-7c3e-7000-8000-000000000002";
const k1 = newDenouncerKeyEntry("k1");
const k2 = newDenouncerKeyEntry("k2");

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DenouncerCryptoError);
    return (e as DenouncerCryptoError).reason;
  }
  throw new Error("expected a DenouncerCryptoError");
}

/** Flips one bit of the base64url field `index` (2 iv, 3 ciphertext, 4 tag) of a sealed value. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("sealing a denouncer's identity", () => {
  const ring = parseDenouncerKeys(k1);

  it("round-trips, names its key id, and shows no plaintext", () => {
    const s = sealDenouncer(ring, petition, who);
    expect(s.kid).toBe("k1");
    expect(sealedKeyId(s.sealed)).toBe("k1");
    expect(openDenouncer(ring, petition, s.sealed)).toEqual(who);
    for (const part of ["Nguyễn", "Nguy", "001085012345", "Hàng Bài", "0912"]) expect(s.sealed).not.toContain(part);
    // Nor in the bytes under the encoding. (A 2-letter needle such as "An" is in random base64 one time in ~20,
    // which once failed CI: only needles long enough never to occur by chance.)
    const bytes = Buffer.concat(s.sealed.split(".").map((p) => Buffer.from(p, "base64url")));
    for (const part of ["Nguyễn", "001085012345", "Hàng Bài"]) expect(bytes.includes(Buffer.from(part, "utf8")), part).toBe(false);
  });

  it("uses a fresh nonce each time and pads lengths to 64-byte blocks", () => {
    const a = sealDenouncer(ring, petition, who).sealed;
    const b = sealDenouncer(ring, petition, who).sealed;
    expect(a).not.toBe(b);
    const short = sealDenouncer(ring, petition, { name: "A", nationalId: null, address: null, contact: null }).sealed;
    const longer = sealDenouncer(ring, petition, { name: "ABCD", nationalId: null, address: null, contact: null }).sealed;
    expect(short.length).toBe(longer.length);
  });

  it("keeps optional fields null", () => {
    const anon = { name: "Trần Thị Bình", nationalId: null, address: null, contact: null };
    expect(openDenouncer(ring, petition, sealDenouncer(ring, petition, anon).sealed)).toEqual(anon);
  });

  it("detects tampering with the nonce, the ciphertext or the tag", () => {
    const s = sealDenouncer(ring, petition, who).sealed;
    for (const i of [2, 3, 4]) expect(reason(() => openDenouncer(ring, petition, flip(s, i)))).toBe("tampered");
  });

  it("does not open on another petition (a ciphertext copied between rows)", () => {
    const s = sealDenouncer(ring, petition, who).sealed;
    expect(reason(() => openDenouncer(ring, other, s))).toBe("tampered");
  });

  it("does not open with the wrong key, nor when relabelled with another configured key id", () => {
    const s = sealDenouncer(ring, petition, who).sealed;
    const wrong = parseDenouncerKeys(`k1:${randomBytes(32).toString("base64")}`);
    expect(reason(() => openDenouncer(wrong, petition, s))).toBe("tampered");
    const both = parseDenouncerKeys(`${k2},${k1}`);
    expect(reason(() => openDenouncer(both, petition, s.replace(".k1.", ".k2.")))).toBe("tampered");
  });

  it("names an unknown key id (removed from the configuration too early) and refuses malformed values", () => {
    const s = sealDenouncer(ring, petition, who).sealed;
    expect(reason(() => openDenouncer(parseDenouncerKeys(k2), petition, s))).toBe("unknown_key");
    for (const bad of ["", "plain text", "v2.k1.a.b.c", s.split(".").slice(0, 4).join("."), `${s}.x`, s.replace(/\.[^.]+$/, ".AAAA")]) {
      expect(reason(() => openDenouncer(ring, petition, bad))).toBe("malformed");
    }
  });
});

describe("key configuration", () => {
  it("takes kid:base64 entries, the first sealing, all opening; base64url too", () => {
    const url = `u1:${randomBytes(32).toString("base64url")}`;
    const ring = parseDenouncerKeys(` ${k2} , ${k1},${url}`);
    expect(ring.current.kid).toBe("k2");
    expect([...ring.byKid.keys()]).toEqual(["k2", "k1", "u1"]);
  });

  it("refuses empty, malformed, short and duplicated keys with a bilingual message that never shows the key", () => {
    const secret = randomBytes(16).toString("base64");
    const cases = ["", " , ", "nokid", `:${randomBytes(32).toString("base64")}`, `k1:${secret}`, "k1:not base64!", `${k1},${k1}`, `bad kid:${randomBytes(32).toString("base64")}`];
    for (const spec of cases) {
      let message = "";
      try {
        parseDenouncerKeys(spec);
      } catch (e) {
        expect(e).toBeInstanceOf(DenouncerCryptoError);
        message = (e as Error).message;
      }
      expect(message, spec).toMatch(/ \/ /);
      expect(message).not.toContain(secret);
    }
  });
});

describe("rotation", () => {
  it("re-seals values of an old key with the first key; values of the current key are left as they are", () => {
    const old = parseDenouncerKeys(k1);
    const s = sealDenouncer(old, petition, who).sealed;
    const rotated = parseDenouncerKeys(`${k2},${k1}`);
    expect(openDenouncer(rotated, petition, s)).toEqual(who);
    const again = resealDenouncer(rotated, petition, s);
    expect(again?.kid).toBe("k2");
    expect(resealDenouncer(rotated, petition, again!.sealed)).toBeNull();
    // once the old key is removed, the re-sealed value still opens
    expect(openDenouncer(parseDenouncerKeys(k2), petition, again!.sealed)).toEqual(who);
  });

  it("refuses to re-seal a tampered value (rotation never launders an altered ciphertext)", () => {
    const s = sealDenouncer(parseDenouncerKeys(k1), petition, who).sealed;
    expect(reason(() => resealDenouncer(parseDenouncerKeys(`${k2},${k1}`), petition, flip(s, 3)))).toBe("tampered");
  });
});

describe("where the keys come from", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("outside development mode the variable is required", async () => {
    await expect(resolveDenouncerKeys({ development: false })).rejects.toThrow(/INSPECTION_DENOUNCER_KEYS/);
    await expect(resolveDenouncerKeys({ spec: " ", development: false, dataDir: tmpdir() })).rejects.toThrow(DenouncerCryptoError);
  });

  it("the variable wins, in any mode", async () => {
    expect((await resolveDenouncerKeys({ spec: k2, development: true, dataDir: "/nonexistent" })).current.kid).toBe("k2");
  });

  it("development mode generates one key at first start in the data directory (0600) and keeps it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "denouncer-keys-"));
    dirs.push(dir);
    const [a, b] = await Promise.all([loadOrCreateDevelopmentKeys(join(dir, "inspection")), loadOrCreateDevelopmentKeys(join(dir, "inspection"))]);
    expect(a).toBe(b);
    const first = await resolveDenouncerKeys({ development: true, dataDir: join(dir, "inspection") });
    const second = await resolveDenouncerKeys({ development: true, dataDir: join(dir, "inspection") });
    expect(first.current.key.equals(second.current.key)).toBe(true);
    const file = join(dir, "inspection", DEVELOPMENT_KEYS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toBe(a);
  });

  it("development mode without a data directory keeps a key in memory only", async () => {
    const ring = await resolveDenouncerKeys({ development: true, dataDir: "memory://" });
    expect(ring.current.kid).toBe("dev-memory");
  });
});
