// Variables of the audit chain's anchoring (docs/configuration.md, docs/security.md "Audit trail"), the
// same in every service that keeps an audit trail: `schema.extend(auditAnchorConfigShape)`.
import { z } from "zod";
import { bilingual, nonEmpty, wholeNumber } from "./config.js";

export const auditAnchorConfigShape = {
  /** Where the signed anchors (and a generated key) go; unset ⇒ `<DATA_DIR>/../audit-anchors` with the embedded database, off with DATABASE_URL. */
  AUDIT_ANCHOR_DIR: nonEmpty().optional(),
  /** Seconds between anchors of the chain head; 0 ⇒ off. */
  AUDIT_ANCHOR_INTERVAL_SECONDS: wholeNumber(0, 86_400).default(300),
  /** Ed25519 private key (PKCS#8 PEM; `\n` may be written literally); unset ⇒ generated at first start in AUDIT_ANCHOR_DIR. */
  AUDIT_ANCHOR_KEY: z
    .string()
    .refine((v) => v.includes("BEGIN PRIVATE KEY"), { error: bilingual("phải là khóa riêng Ed25519 dạng PEM (PKCS#8)", "must be an Ed25519 private key in PEM (PKCS#8)") })
    .optional(),
};
