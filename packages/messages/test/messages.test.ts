import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hiddenCharName, importMessages, preview, text, zodIssueMessage } from "../src/index.js";

describe("messages", () => {
  it("are Vietnamese first, then English", () => {
    expect(text(importMessages.rowShape(3, 15, 14, '","'))).toMatch(/^dòng 3 có 15 ô, dòng tiêu đề có 14 cột.* \/ row 3 has 15 cells, the header has 14 columns/u);
  });

  it("never echo a huge cell: a preview of 40 characters and the length", () => {
    const m = text(importMessages.cellTooLong(2, "Mã chi bộ", 10_000_000, 2000, "X".repeat(10_000_000)));
    expect(m.length).toBeLessThan(400);
    expect(m).toContain("(10000000 ký tự / characters)");
    expect(preview("ngắn")).toBe("ngắn");
  });

  it("name hidden characters", () => {
    expect(hiddenCharName("\u200b")).toBe("U+200B ZERO WIDTH SPACE");
    expect(hiddenCharName("\u0007")).toBe("U+0007 CONTROL CHARACTER");
  });

  it("word zod issues Vietnamese first, keeping a schema's own English message", () => {
    const own = z.object({ name: z.string().max(3, "must be at most 3 characters") }).safeParse({ name: "abcdef" });
    expect(zodIssueMessage(own.error!.issues[0]!)).toBe("Quá lớn: mong đợi string có <=3 ký tự / must be at most 3 characters");
    const dflt = z.object({ n: z.number() }).safeParse({ n: "x" });
    expect(zodIssueMessage(dflt.error!.issues[0]!)).toBe("Đầu vào không hợp lệ: mong đợi số / Invalid input: expected number, received string");
    expect(zodIssueMessage({ code: "custom", message: "đã có / exists" })).toBe("đã có / exists");
  });
});
