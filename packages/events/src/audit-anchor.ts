// Anchors of the audit chain (decision 0009): the chain head (service, last id, hash, time), signed with
// Ed25519 and appended as one JSON line to a file OUTSIDE the database. Whoever can rewrite audit_record
// can recompute every hash after an edit, or delete the tail; they cannot forge the anchor without the
// private key, so verify against the latest anchor catches both.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readChainHead, type ChainHead } from "./audit-chain.js";
import type { SqlHandle } from "./sql.js";

export interface AuditAnchor extends ChainHead {
  service: string;
  /** ISO time the anchor was taken. */
  at: string;
}

export interface SignedAnchor extends AuditAnchor {
  /** base64 Ed25519 signature over anchorMessage(anchor). */
  sig: string;
}

/** The signed bytes: fixed field order, so the line's own JSON formatting does not matter. */
export function anchorMessage(a: AuditAnchor): Buffer {
  return Buffer.from(`orgboard-audit-anchor-v1\n${a.service}\n${a.lastId}\n${a.hash}\n${a.at}`, "utf8");
}

export function signAnchor(a: AuditAnchor, privateKey: KeyObject): SignedAnchor {
  return { ...a, sig: sign(null, anchorMessage(a), privateKey).toString("base64") };
}

export function verifyAnchorSignature(a: SignedAnchor, publicKey: KeyObject): boolean {
  try {
    return verify(null, anchorMessage(a), publicKey, Buffer.from(a.sig, "base64"));
  } catch {
    return false;
  }
}

/** A service's files in its anchor directory: the anchors, the generated key (embedded default), the public key. */
export function anchorPaths(dir: string, service: string): { file: string; privateKey: string; publicKey: string } {
  return { file: join(dir, `${service}.jsonl`), privateKey: join(dir, `${service}.key.pem`), publicKey: join(dir, `${service}.pub.pem`) };
}

/** An Ed25519 private key from PEM (PKCS#8) text, as given in configuration. */
export function parseAnchorKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== "ed25519") throw new Error("audit anchor key: not an Ed25519 private key");
  return key;
}

/**
 * The signing key: the configured one (PEM), else the one kept in the anchor dir, else (first start) a new
 * one written there (mode 0600); its public key is written beside the anchors for verify.
 */
export function loadOrCreateAnchorKey(opts: { dir: string; service: string; configuredPem?: string | null }): KeyObject {
  const paths = anchorPaths(opts.dir, opts.service);
  if (opts.configuredPem) {
    const key = parseAnchorKey(opts.configuredPem);
    ensurePublicKeyFile(paths.publicKey, key);
    return key;
  }
  if (existsSync(paths.privateKey)) return parseAnchorKey(readFileSync(paths.privateKey, "utf8"));
  const { privateKey } = generateKeyPairSync("ed25519");
  mkdirSync(dirname(paths.privateKey), { recursive: true, mode: 0o700 });
  writeFileSync(paths.privateKey, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  ensurePublicKeyFile(paths.publicKey, privateKey);
  return privateKey;
}

function ensurePublicKeyFile(file: string, key: KeyObject): void {
  const pem = createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
  if (existsSync(file) && readFileSync(file, "utf8") === pem) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, pem);
}

/** Reads the chain head and appends a signed anchor line; returns it (null for an empty trail). */
export async function writeAnchor(handle: SqlHandle, opts: { service: string; file: string; privateKey: KeyObject; now?: () => Date }): Promise<SignedAnchor | null> {
  const head = await readChainHead(handle);
  if (!head) return null;
  const signed = signAnchor({ service: opts.service, lastId: head.lastId, hash: head.hash, at: (opts.now?.() ?? new Date()).toISOString() }, opts.privateKey);
  mkdirSync(dirname(opts.file), { recursive: true, mode: 0o700 });
  appendFileSync(opts.file, `${JSON.stringify(signed)}\n`);
  return signed;
}

export type LatestAnchor = { ok: true; anchor: SignedAnchor | null } | { ok: false; line: number; message: string };

/**
 * The latest anchor of the file, every line's signature checked (a forged or edited line is an error,
 * not skipped). Anchors are appended in time order; lastId never decreases in a sound file.
 */
export function readLatestAnchor(file: string, publicKey: KeyObject, service: string): LatestAnchor {
  if (!existsSync(file)) return { ok: true, anchor: null };
  const lines = readFileSync(file, "utf8").split("\n");
  let latest: SignedAnchor | null = null;
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let a: SignedAnchor;
    try {
      a = JSON.parse(line) as SignedAnchor;
    } catch {
      return { ok: false, line: i + 1, message: `anchor line ${i + 1} is not JSON` };
    }
    if (a.service !== service || !verifyAnchorSignature(a, publicKey)) {
      return { ok: false, line: i + 1, message: `anchor line ${i + 1}: signature does not verify (or another service's anchor)` };
    }
    if (latest && BigInt(a.lastId) < BigInt(latest.lastId)) {
      return { ok: false, line: i + 1, message: `anchor line ${i + 1} goes back from record ${latest.lastId} to ${a.lastId}` };
    }
    latest = a;
  }
  return { ok: true, anchor: latest };
}

export interface AnchoringOptions {
  service: string;
  file: string;
  privateKey: KeyObject;
  /** Milliseconds between anchors. */
  intervalMs: number;
  /** A fresh handle per run (the service's pool / database). */
  handle: SqlHandle;
  onError?: (err: unknown) => void;
  onAnchor?: (a: SignedAnchor) => void;
}

/**
 * Anchors now and then every intervalMs, skipping a run when the head has not moved; `stop()` writes a
 * last anchor (a clean shutdown leaves the tail covered) and stops the timer.
 */
export function startAuditAnchoring(opts: AnchoringOptions): { stop(): Promise<void>; anchorNow(): Promise<SignedAnchor | null> } {
  let last: string | null = null;
  let running: Promise<SignedAnchor | null> = Promise.resolve(null);
  const anchorNow = (): Promise<SignedAnchor | null> => {
    running = running.then(async () => {
      try {
        const head = await readChainHead(opts.handle);
        if (!head || head.hash === last) return null;
        const a = await writeAnchor(opts.handle, opts);
        if (a) {
          last = a.hash;
          opts.onAnchor?.(a);
        }
        return a;
      } catch (err) {
        opts.onError?.(err);
        return null;
      }
    });
    return running;
  };
  void anchorNow();
  const timer = setInterval(() => void anchorNow(), opts.intervalMs);
  timer.unref();
  return {
    anchorNow,
    async stop() {
      clearInterval(timer);
      await anchorNow();
    },
  };
}

/** Where a service's anchors go when AUDIT_ANCHOR_DIR is unset: beside the embedded database, never in it. */
export function defaultAnchorDir(opts: { dataDir?: string | null; databaseUrl?: string | null }): string | null {
  if (opts.databaseUrl || !opts.dataDir || opts.dataDir.startsWith("memory://")) return null;
  return join(dirname(opts.dataDir.replace(/\/+$/, "")), "audit-anchors");
}

export interface ServiceAnchoringOptions {
  service: string;
  handle: SqlHandle;
  /** AUDIT_ANCHOR_DIR, else defaultAnchorDir's answer; null ⇒ anchoring off (logged). */
  dir: string | null;
  /** AUDIT_ANCHOR_INTERVAL_SECONDS; 0 ⇒ off. */
  intervalSeconds: number;
  /** AUDIT_ANCHOR_KEY (PEM, `\n` may be written as the two characters \ and n); unset ⇒ generated in dir. */
  keyPem?: string | null;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** What a service's main.ts starts: anchoring per its configuration, or nothing (and says why). */
export function startServiceAnchoring(opts: ServiceAnchoringOptions): { stop(): Promise<void> } {
  if (!opts.dir || opts.intervalSeconds === 0) {
    opts.logger.warn({ service: opts.service }, "audit chain anchoring is off (set AUDIT_ANCHOR_DIR and AUDIT_ANCHOR_INTERVAL_SECONDS > 0)");
    return { stop: () => Promise.resolve() };
  }
  const { file } = anchorPaths(opts.dir, opts.service);
  const privateKey = loadOrCreateAnchorKey({ dir: opts.dir, service: opts.service, configuredPem: opts.keyPem?.replace(/\\n/g, "\n") ?? null });
  opts.logger.info({ file, intervalSeconds: opts.intervalSeconds }, "audit chain anchoring");
  const a = startAuditAnchoring({
    service: opts.service,
    file,
    privateKey,
    intervalMs: opts.intervalSeconds * 1000,
    handle: opts.handle,
    onError: (err) => opts.logger.warn({ err }, "audit chain anchor failed"),
  });
  return { stop: () => a.stop() };
}
