// Every refusal membership words is Vietnamese first, then English (#9/#10). This reads the source of the
// routers, the domain rules and the errors the API passes on (reports, paths), and fails on a message
// written as a bare English literal: the message argument of invalid/conflict/notFound/violation/
// MembershipInputError, and every `message:` property. A literal passes when it is already "<vi> / <en>"
// or has no words (`${v.message} [${v.code}]`); bilingual(vi, en) and both(vi, en) pass when vi has a
// Vietnamese letter. The API tests check the same at run time on every refusal they provoke (harness.ts
// expectError).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");
const SCANNED = ["router", "domain", "report", "db/paths.ts"];
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;
/** Calls whose argument at this index is a message a user reads. */
const MESSAGE_ARG: Record<string, number> = { invalid: 2, conflict: 2, notFound: 1, violation: 2, MembershipInputError: 1 };
const BILINGUAL = new Set(["bilingual", "both"]);

function files(rel: string): string[] {
  const abs = path.join(SRC, rel);
  if (abs.endsWith(".ts")) return [abs];
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(abs, f));
}

/** The fixed text of a literal (template holes left out), or null when the node is not a literal. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  return null;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | null {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

/** Problems with one message expression: an English-only literal, or a bilingual() whose first part is not Vietnamese. */
function check(node: ts.Expression, where: string, out: string[]): void {
  if (ts.isParenthesizedExpression(node)) return check(node.expression, where, out);
  if (ts.isConditionalExpression(node)) {
    check(node.whenTrue, where, out);
    check(node.whenFalse, where, out);
    return;
  }
  if (ts.isCallExpression(node) && BILINGUAL.has(calleeName(node) ?? "")) {
    const vi = node.arguments[0] ? literalText(node.arguments[0]) : null;
    if (vi !== null && !VIETNAMESE.test(vi)) out.push(`${where}: the first part of ${calleeName(node)}() is not Vietnamese: ${node.getText()}`);
    return;
  }
  const text = literalText(node);
  if (text === null) return; // a constant, a catalogue call, a value passed on: checked where it is written
  if (!/[A-Za-z]{2,}/.test(text)) return; // no words: `${v.message} [${v.code}]`
  if (text.includes(" / ") && VIETNAMESE.test(text.slice(0, text.indexOf(" / ")))) return;
  out.push(`${where}: English-only message ${node.getText()}`);
}

/** The problems of every message in a source text; `at` names where each is. */
function problems(source: ts.SourceFile, at: (n: ts.Node) => string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const index = MESSAGE_ARG[calleeName(n) ?? ""];
      const arg = index === undefined ? undefined : n.arguments?.[index];
      if (arg) check(arg, at(arg), out);
    }
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === "message") check(n.initializer, at(n), out);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

function scan(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  return problems(source, (n) => `${path.relative(SRC, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
}

describe("membership's messages are Vietnamese first (#9/#10)", () => {
  const all = SCANNED.flatMap(files);

  it("scans the routers, the domain rules, the reports", () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((f) => f.includes(`${path.sep}router${path.sep}members${path.sep}`))).toBe(true);
  });

  it("no router, rule or report throws an English-only message", () => {
    expect(all.flatMap(scan)).toEqual([]);
  });

  it("the scan catches what it is for", () => {
    const probe = (code: string) => problems(ts.createSourceFile("probe.ts", code, ts.ScriptTarget.Latest, true), () => "probe").length;
    expect(probe('throw conflict("orgPath", "closed", `the cell closed on ${d}`);')).toBe(1);
    expect(probe('out.push({ field: "x", code: "y", message: "is required" });')).toBe(1);
    expect(probe('throw invalid("x", "y", ok ? bilingual("bắt buộc", "is required") : "is required");')).toBe(1);
    expect(probe('throw invalid("x", "y", bilingual("is required", "is required"));')).toBe(1);
    expect(probe('throw new MembershipInputError("year", `must be a year, got ${y}`);')).toBe(1);
    expect(probe('throw conflict("orgPath", "closed", bilingual(`chi bộ đã giải thể ngày ${d}`, `the cell closed on ${d}`));')).toBe(0);
    expect(probe('out.push({ message: `${v.message} [${v.code}]` }); throw notFound("x", NOT_FOUND_ORG_MESSAGE);')).toBe(0);
  });
});
