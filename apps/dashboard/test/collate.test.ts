import { describe, expect, it } from "vitest";
import { compareVi, compareViNames } from "../src/lib/collate.js";

describe("Vietnamese ordering", () => {
  it("orders letters as the Vietnamese alphabet does (a ă â b … d đ e ê)", () => {
    const words = ["đào", "bắc", "ân", "dung", "ăn", "an", "ê", "em"];
    expect([...words].sort(compareVi)).toEqual(["an", "ăn", "ân", "bắc", "dung", "đào", "em", "ê"]);
  });

  it("sorts personal names by given name, then family name, then middle names", () => {
    const names = ["Trần Thị Bình", "Nguyễn Văn An", "Lê An", "Nguyễn Thị Bình", "Phạm Đức"];
    expect([...names].sort(compareViNames)).toEqual(["Lê An", "Nguyễn Văn An", "Nguyễn Thị Bình", "Trần Thị Bình", "Phạm Đức"]);
  });

  it("treats composed and decomposed accents alike", () => {
    expect(compareViNames("Nguyễn Văn An", "Nguyễn Văn An".normalize("NFD"))).toBe(0);
  });
});
