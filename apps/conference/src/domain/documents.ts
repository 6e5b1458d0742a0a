// Official document numbers ("số, ký hiệu"). Party documents follow Hướng dẫn 36-HD/VPTW (2018) on the
// format of Party documents: `<number>-<type>/<issuer>`, e.g. 137-QĐ/TW, 26-HD/BTCTW. State documents
// follow Nghị định 30/2020/NĐ-CP: `<number>/<year>/<type>-<issuer>`, e.g. 19/2025/QĐ-TTg, and the
// older year-less form of Standing Committee resolutions, 1654/NQ-UBTVQH15.
import type { DocumentKind } from "@orgboard/contract-conference";
import { badRequest } from "./errors.js";

export { DOCUMENT_KIND_NAMES, type DocumentKind } from "@orgboard/contract-conference";

/** Type abbreviations of Party documents (Hướng dẫn 36-HD/VPTW, appendix) → what they are. */
export const PARTY_DOCUMENT_TYPES = {
  NQ: "resolution",
  QĐ: "decision_or_regulation",
  CT: "directive",
  KL: "conclusion",
  QC: "rules",
  TT: "circular",
  HD: "guidance",
  BC: "report",
  KH: "plan",
  PA: "scheme",
  ĐA: "project",
  CTr: "programme",
  TB: "notice",
  TTr: "submission",
  CV: "official_letter",
  BB: "minutes",
} as const;
export type PartyDocumentType = keyof typeof PARTY_DOCUMENT_TYPES;

/** Document kinds recorded with a disseminated document; each allows only its own type codes. */
export const DOCUMENT_KINDS = {
  resolution: ["NQ"],
  decision: ["QĐ"],
  regulation: ["QĐ"],
  directive: ["CT"],
  conclusion: ["KL"],
  rules: ["QC"],
  circular: ["TT"],
  guidance: ["HD"],
  report: ["BC"],
  plan: ["KH"],
  scheme: ["PA", "ĐA"],
  programme: ["CTr"],
  notice: ["TB"],
  official_letter: ["CV"],
  law: ["LAW"],
  decree: ["NĐ"],
} as const satisfies Record<DocumentKind, readonly string[]>;

export interface DocumentNumber {
  system: "party" | "state";
  /** Canonical text, as printed on the document (NFC). */
  text: string;
  sequence: number;
  year: number | null;
  /** "QĐ", "HD", "NQ", ...; "LAW" for a law (e.g. 10/2024/QH15 has no type code). */
  type: string;
  issuer: string;
}

const ISSUER = "[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*";
const PARTY = new RegExp(`^(0?[1-9][0-9]{0,5})-(${Object.keys(PARTY_DOCUMENT_TYPES).join("|")})/(${ISSUER})$`, "u");
const STATE = /^(0?[1-9][0-9]{0,5})\/(?:((?:19|20)[0-9]{2})\/)?([A-ZĐ][A-Za-zĐđ]{0,5})-([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)$/u;
const LAW = /^(0?[1-9][0-9]{0,5})\/((?:19|20)[0-9]{2})\/(QH[0-9]{1,2})$/u;

export type ParseResult = { ok: true; value: DocumentNumber } | { ok: false; message: string };

export function parseDocumentNumber(raw: string): ParseResult {
  const text = raw.normalize("NFC").trim();
  if (text === "") return { ok: false, message: "a document number is required, e.g. 137-QĐ/TW" };
  if (/^s[ốo][\s:]/iu.test(text)) {
    return { ok: false, message: `write the number only, without "Số" (e.g. "137-QĐ/TW" for "Quy định số 137-QĐ/TW")` };
  }
  let m = PARTY.exec(text);
  if (m) return { ok: true, value: { system: "party", text, sequence: Number(m[1]), year: null, type: m[2]!, issuer: m[3]! } };
  m = LAW.exec(text);
  if (m) return { ok: true, value: { system: "state", text, sequence: Number(m[1]), year: Number(m[2]), type: "LAW", issuer: m[3]! } };
  m = STATE.exec(text);
  if (m) {
    return { ok: true, value: { system: "state", text, sequence: Number(m[1]), year: m[2] ? Number(m[2]) : null, type: m[3]!, issuer: m[4]! } };
  }
  if (/^[0-9]+-QD\//u.test(text)) return { ok: false, message: `"${text}": the type of a decision or regulation is written "QĐ" (with Đ), e.g. 137-QĐ/TW` };
  return {
    ok: false,
    message: `"${text}" is not an official document number: expected a Party number like 137-QĐ/TW or 26-HD/BTCTW, or a State number like 19/2025/QĐ-TTg`,
  };
}

/** Parse and check that the number's type code fits the declared kind (a "guidance" numbered -QĐ/ is a typo). */
export function validateDocumentNumber(raw: string, kind: DocumentKind, field = "number"): DocumentNumber {
  const parsed = parseDocumentNumber(raw);
  if (!parsed.ok) throw badRequest("invalid_document_number", `${field}: ${parsed.message}`, field);
  const allowed: readonly string[] = DOCUMENT_KINDS[kind];
  if (!allowed.includes(parsed.value.type)) {
    throw badRequest(
      "document_kind_mismatch",
      `${field}: "${parsed.value.text}" has type "${parsed.value.type}" but a ${kind} is numbered with ${allowed.join(" or ")}`,
      field,
    );
  }
  return parsed.value;
}
