import { describe, expect, it } from "vitest";
import { escapeLike, FOLD_TRANSLATE, foldSql, foldedContains, foldVietnamese } from "../src/index.js";

describe("foldVietnamese", () => {
  it("drops tones and letter marks, đ → d, lower case, single spaces", () => {
    expect(foldVietnamese("  Nguyễn   Thị ĐOAN  ")).toBe("nguyen thi doan");
    expect(foldVietnamese("Hoà Bình")).toBe(foldVietnamese("Hòa Bình"));
    expect(foldVietnamese("Hòa Bình".normalize("NFD"))).toBe("hoa binh");
    expect(foldVietnamese("H\u2019Hen Niê")).toBe("h'hen nie");
  });
});

describe("LIKE patterns", () => {
  it("escapes the wildcards and the escape character", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
    expect(foldedContains("Đà Nẵng_1")).toBe("%da nang\\_1%");
  });
});

describe("foldSql", () => {
  it("binds the translate() table as two parameters", () => {
    const values: unknown[] = [];
    const params = { add: (v: unknown) => (values.push(v), `$${values.length}`) };
    expect(foldSql("m.full_name", params)).toBe("translate(m.full_name, $1, $2)");
    expect(values).toEqual([FOLD_TRANSLATE.from, FOLD_TRANSLATE.to]);
  });
  it("folds every letter of the Vietnamese alphabet as foldVietnamese does", () => {
    const translate = (text: string) => [...text].map((ch) => FOLD_TRANSLATE.to[FOLD_TRANSLATE.from.indexOf(ch)] ?? ch).join("");
    expect(FOLD_TRANSLATE.from).toHaveLength(FOLD_TRANSLATE.to.length);
    const letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
    for (const ch of letters + letters.toUpperCase()) expect(translate(ch.normalize("NFC"))).toBe(foldVietnamese(ch));
  });
});
