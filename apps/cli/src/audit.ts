// `orgboard operator audit verify --service S`: checks a service's audit chain in its database against the
// latest signed anchor (docs/security.md "Audit trail"). Reads only; needs the database like every operator
// command (DATABASE_URL, or the embedded one while the service is stopped).
import { createPublicKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { anchorPaths, readLatestAnchor, verifyAuditChain, type SqlHandle, type VerifyResult } from "@orgboard/events";
import { CliInputError } from "./errors.js";

export const AUDITED_SERVICES = ["membership", "conference", "inspection"] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

export interface AuditVerifyOptions {
  service: AuditedService;
  /** The service's AUDIT_ANCHOR_DIR. */
  anchorDir: string;
  /** A public key file given out of band (else the one in anchorDir). */
  publicKeyFile?: string;
  /** Verify without an anchor (says so); otherwise a missing anchor file is an error. */
  allowUnanchored?: boolean;
}

export interface AuditVerifyReport {
  service: string;
  anchor: { lastId: string; hash: string; at: string } | null;
  result: VerifyResult;
}

export async function verifyServiceAudit(handle: SqlHandle, opts: AuditVerifyOptions): Promise<AuditVerifyReport> {
  const paths = anchorPaths(opts.anchorDir, opts.service);
  let anchor: AuditVerifyReport["anchor"] = null;
  if (existsSync(paths.file)) {
    const keyFile = opts.publicKeyFile ?? paths.publicKey;
    if (!existsSync(keyFile)) throw new CliInputError("--public-key", `không có khóa công khai / no public key: ${keyFile}`);
    const latest = readLatestAnchor(paths.file, createPublicKey(readFileSync(keyFile, "utf8")), opts.service);
    if (!latest.ok) {
      return { service: opts.service, anchor: null, result: { ok: false, records: 0, head: null, anchorChecked: false, fault: { kind: "anchor-invalid", id: "", message: `${paths.file}: ${latest.message}` } } };
    }
    if (latest.anchor) anchor = { lastId: latest.anchor.lastId, hash: latest.anchor.hash, at: latest.anchor.at };
  } else if (!opts.allowUnanchored) {
    throw new CliInputError("--anchors", `không có mốc neo / no anchors at ${paths.file} (--allow-unanchored checks the chain alone)`);
  }
  const result = await verifyAuditChain(handle, { anchor });
  return { service: opts.service, anchor, result };
}

export function formatAuditReport(r: AuditVerifyReport): string {
  const lines = [`${r.service}: ${r.result.records} audit records checked`];
  lines.push(r.anchor ? `anchor: record ${r.anchor.lastId} at ${r.anchor.at}${r.result.anchorChecked ? " (matches)" : ""}` : "anchor: none (chain checked alone: a deleted tail would not show)");
  if (r.result.ok) lines.push(`OK: chain intact${r.result.head ? `, head record ${r.result.head.lastId} ${r.result.head.hash}` : " (empty)"}`);
  else lines.push(`SAI / FAILED: ${r.result.fault!.kind}${r.result.fault!.id ? ` at record ${r.result.fault!.id}` : ""}: ${r.result.fault!.message}`);
  return lines.join("\n");
}

/** The anchors' default place: AUDIT_ANCHOR_DIR, else beside the embedded databases (`<data root>/audit-anchors`). */
export function defaultAnchorDirFor(membershipDataDir: string, env: Record<string, string | undefined> = process.env): string {
  return env.AUDIT_ANCHOR_DIR?.trim() || path.join(path.dirname(membershipDataDir), "audit-anchors");
}
