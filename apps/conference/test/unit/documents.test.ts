import { describe, expect, it } from "vitest";
import { parseDocumentNumber, validateDocumentNumber } from "../../src/domain/index.js";
import { errorOf } from "./helpers.js";

describe("parseDocumentNumber", () => {
  it.each([
    ["137-QĐ/TW", { system: "party", sequence: 137, type: "QĐ", issuer: "TW", year: null }],
    ["138-QĐ/TW", { system: "party", sequence: 138, type: "QĐ", issuer: "TW" }],
    ["26-HD/BTCTW", { system: "party", sequence: 26, type: "HD", issuer: "BTCTW" }],
    ["21-KL/TW", { system: "party", type: "KL" }],
    ["21-NQ/TW", { system: "party", type: "NQ" }],
    ["60-NQ/TW", { system: "party", type: "NQ" }],
    ["05-CT/TU", { system: "party", sequence: 5, type: "CT", issuer: "TU" }],
    ["12-CTr/ĐU", { system: "party", type: "CTr", issuer: "ĐU" }],
    ["19/2025/QĐ-TTg", { system: "state", sequence: 19, year: 2025, type: "QĐ", issuer: "TTg" }],
    ["30/2020/NĐ-CP", { system: "state", type: "NĐ", issuer: "CP" }],
    ["1654/NQ-UBTVQH15", { system: "state", sequence: 1654, year: null, type: "NQ", issuer: "UBTVQH15" }],
    ["10/2024/QH15", { system: "state", type: "LAW", issuer: "QH15", year: 2024 }],
  ])("accepts %s", (text, expected) => {
    const r = parseDocumentNumber(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ text, ...expected });
  });

  it("normalises to NFC and trims (a decomposed Đ-less text stays the same)", () => {
    const decomposed = " 137-QĐ/TW ".normalize("NFD");
    const r = parseDocumentNumber(decomposed);
    expect(r.ok && r.value.text).toBe("137-QĐ/TW");
  });

  it.each([
    ["", "required"],
    ["Số 137-QĐ/TW", "without \"Số\""],
    ["số 137-QĐ/TW", "without \"Số\""],
    ["137-QD/TW", "QĐ"],
    ["137/TW", "not an official document number"],
    ["137-XX/TW", "not an official document number"],
    ["0-QĐ/TW", "not an official document number"],
    ["00-QĐ/TW", "not an official document number"],
    ["137-qđ/tw", "not an official document number"],
    ["137-QĐ/", "not an official document number"],
    ["-QĐ/TW", "not an official document number"],
    ["137 QĐ/TW", "not an official document number"],
  ])("refuses %j with a helpful message", (text, hint) => {
    const r = parseDocumentNumber(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(hint);
  });
});

describe("validateDocumentNumber", () => {
  it("checks the type code against the declared kind", () => {
    expect(validateDocumentNumber("137-QĐ/TW", "regulation").sequence).toBe(137);
    expect(validateDocumentNumber("26-HD/BTCTW", "guidance").issuer).toBe("BTCTW");
    const e = errorOf(() => validateDocumentNumber("26-HD/BTCTW", "regulation", "documents.0.number"));
    expect(e.reason).toBe("document_kind_mismatch");
    expect(e.field).toBe("documents.0.number");
    expect(e.message).toContain("QĐ");
  });
  it("fails with the field named", () => {
    const e = errorOf(() => validateDocumentNumber("137-QD/TW", "regulation"));
    expect(e.reason).toBe("invalid_document_number");
    expect(e.field).toBe("number");
    expect(e.message).toMatch(/^number: /);
  });
});
