import { describe, expect, it } from "vitest";
import { decideInspectionInputSchema, lineText, longText, subjectRefSchema } from "../src/index.js";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);

describe("texts", () => {
  it("a one-line text refuses every control character, line breaks included; Vietnamese first", () => {
    for (const bad of ["a\u0000b", "a\nb", "a\tb", "a\u007fb", "a\u0085b"]) {
      expect(issues(lineText(50).safeParse(bad))).toEqual([["", "không được chứa ký tự điều khiển / must not contain control characters"]]);
    }
    expect(lineText(50).parse("  125-QĐ/UBKTTU ")).toBe("125-QĐ/UBKTTU");
  });

  it("a multi-line text keeps line breaks and tabs but refuses NUL and the other controls", () => {
    expect(longText(100).parse("Kết luận:\n\t- có vi phạm\r\n")).toBe("Kết luận:\n\t- có vi phạm");
    expect(longText(100).safeParse("x\u0000").success).toBe(false);
    expect(longText(100).safeParse("x\u001b[31m").success).toBe(false);
    expect(issues(longText(3).safeParse("abcd"))[0]?.[1]).toMatch(/^không quá 3 ký tự \/ must be at most 3 characters$/);
  });
});

describe("inputs name the field", () => {
  it("a subject is a member by id or an organization by path", () => {
    expect(subjectRefSchema.safeParse({ kind: "member", memberId: 7 }).success).toBe(true);
    expect(subjectRefSchema.safeParse({ kind: "organization", orgPath: "/01/" }).success).toBe(true);
    expect(issues(subjectRefSchema.safeParse({ kind: "organization", orgPath: "01" }))[0]?.[0]).toBe("orgPath");
  });

  it("every problem of an inspection's decision at once, each under its own field", () => {
    const r = decideInspectionInputSchema.safeParse({ kind: "x", conductor: { kind: "commission", orgPath: "/01/" }, subject: { kind: "member", memberId: 0 }, decisionNumber: "1", decidedOn: "2026-02-30", content: "ok" });
    expect(issues(r).map(([p]) => p).sort()).toEqual(["decidedOn", "kind", "subject.memberId"]);
  });
});
