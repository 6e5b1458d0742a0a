import { describe, expect, it } from "vitest";
import {
  compareVietnamese,
  compareVietnameseNames,
  compareVietnameseWords,
  normalizeName,
  sortByVietnameseName,
  splitName,
  stripTones,
  toneOf,
  vietnameseNameSortKey,
} from "../src/index.js";

const sortNames = (names: string[]) => [...names].sort(compareVietnameseNames);

describe("Intl.Collator('vi') on this Node", () => {
  it("has full ICU with Vietnamese", () => {
    expect(Intl.Collator.supportedLocalesOf(["vi"])).toEqual(["vi"]);
  });
  it("orders the Vietnamese alphabet with ă â đ ê ô ơ ư as separate letters", () => {
    const letters = [..."aăâbcdđeêghiklmnoôơpqrstuưvxy"];
    const shuffled = [...letters].reverse();
    expect(shuffled.sort(compareVietnamese)).toEqual(letters);
  });
  it("orders tones ngang, huyền, hỏi, ngã, sắc, nặng", () => {
    const words = ["ma", "mà", "mả", "mã", "má", "mạ"];
    expect([...words].reverse().sort(compareVietnameseWords)).toEqual(words);
    expect(words.map(toneOf)).toEqual(["ngang", "huyen", "hoi", "nga", "sac", "nang"]);
  });
});

describe("splitName", () => {
  it("takes the first word as family name and the last as given name", () => {
    expect(splitName("Nguyễn Thị Kim Ngân")).toEqual({ family: "Nguyễn", middle: ["Thị", "Kim"], given: "Ngân" });
    expect(splitName("  Lê   Duẩn ")).toEqual({ family: "Lê", middle: [], given: "Duẩn" });
    expect(splitName("Lan")).toEqual({ family: "", middle: [], given: "Lan" });
    expect(splitName("   ")).toEqual({ family: "", middle: [], given: "" });
  });
  it("normalises NFD input, typographic apostrophes and whitespace", () => {
    expect(normalizeName("H\u2019Hen  Niê".normalize("NFD"))).toBe("H'Hen Niê");
  });
});

describe("compareVietnameseNames", () => {
  it("sorts real names by given name, then middle, then family", () => {
    const names = [
      "Trần Đức Thắng",
      "Lê Thị Kim Dung",
      "Mai Văn Chính",
      "Ma Thế Hồng",
      "Nguyễn Thị Thúy Hồng",
      "Phạm Minh Chính",
      "Võ Nguyên Giáp",
      "Hồ Chí Minh",
      "Nguyễn Thị Kim Ngân",
      "Trần Cẩm Tú",
      "Võ Văn Thưởng",
      "Nguyễn Văn An",
      "Trần Văn Dũng",
      "Lê Văn Đức",
    ];
    expect(sortNames(names)).toEqual([
      "Nguyễn Văn An",
      "Phạm Minh Chính", // Minh < Văn
      "Mai Văn Chính",
      "Lê Thị Kim Dung",
      "Trần Văn Dũng", // Dung < Dũng (tone), Dũng < Đức (d < đ)
      "Lê Văn Đức",
      "Võ Nguyên Giáp",
      "Ma Thế Hồng", // Thế < Thị
      "Nguyễn Thị Thúy Hồng",
      "Hồ Chí Minh",
      "Nguyễn Thị Kim Ngân",
      "Trần Đức Thắng", // ă < ư
      "Võ Văn Thưởng",
      "Trần Cẩm Tú",
    ]);
  });

  it("puts fewer middle names first and compares the family name last", () => {
    expect(sortNames(["Nguyễn Văn An", "Trần Văn An", "Trần An", "Lê An", "Nguyễn Văn Bé An"])).toEqual([
      "Lê An",
      "Trần An",
      "Nguyễn Văn An",
      "Trần Văn An",
      "Nguyễn Văn Bé An",
    ]);
  });

  it("treats tone-mark placement (Thủy/Thuỷ, Hòa/Hoà) as the same tone", () => {
    expect(compareVietnameseWords("Thủy", "Thuỷ")).toBe(0);
    expect(compareVietnameseWords("Hòa", "Hoà")).toBe(0);
    // ICU alone would put Thuý (sắc) before Thủy (hỏi) because of the placement.
    expect(sortNames(["Nguyễn Thị Thuý", "Nguyễn Thị Thủy", "Nguyễn Thị Thu"])).toEqual([
      "Nguyễn Thị Thu",
      "Nguyễn Thị Thủy",
      "Nguyễn Thị Thuý",
    ]);
  });

  it("is case-insensitive on letters and accepts NFD input", () => {
    expect(compareVietnameseWords("ĐỨC", "đức")).toBe(0);
    const nfd = "Nguyễn Văn Ánh".normalize("NFD");
    expect(sortNames(["Nguyễn Văn Anh", nfd, "Nguyễn Văn Ảnh"]).map((n) => n.normalize("NFC"))).toEqual([
      "Nguyễn Văn Anh",
      "Nguyễn Văn Ảnh",
      "Nguyễn Văn Ánh",
    ]);
  });

  it("orders names of ethnic minorities, apostrophe before letters", () => {
    expect(sortNames(["H'Hen Niê", "Ksor Phước Hà", "Rơ Mah Thị Hồng", "Y Moan Ênuôl", "Nay H'Bia"])).toEqual([
      "Y Moan Ênuôl", // ê < h
      "Nay H'Bia", // ' < a
      "Ksor Phước Hà",
      "Rơ Mah Thị Hồng", // a < ô
      "H'Hen Niê",
    ]);
  });

  it("is a total order: antisymmetric and deterministic for equal-looking names", () => {
    expect(compareVietnameseNames("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ")).not.toBe(0);
    expect(Math.sign(compareVietnameseNames("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ"))).toBe(
      -Math.sign(compareVietnameseNames("Nguyễn Thị Thuỷ", "Nguyễn Thị Thủy")),
    );
    expect(compareVietnameseNames("Lê Văn A", "Lê Văn A")).toBe(0);
  });

  it("sortByVietnameseName sorts records without changing the input", () => {
    const rows = [{ n: "Trần Văn Bình" }, { n: "Lê Văn An" }];
    expect(sortByVietnameseName(rows, (r) => r.n).map((r) => r.n)).toEqual(["Lê Văn An", "Trần Văn Bình"]);
    expect(rows[0]!.n).toBe("Trần Văn Bình");
  });
});

describe("stripTones", () => {
  it("keeps ă â đ ê ô ơ ư and drops the five tone marks", () => {
    expect(stripTones("Đặng Thị Ngọc Thịnh Ưng Ẩn")).toBe("Đăng Thi Ngoc Thinh Ưng Ân");
  });
});

describe("vietnameseNameSortKey", () => {
  // Deterministic pseudo-random names over real name parts, with placement, case and apostrophe variants.
  const families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Ksor", "Rơ", "H'Mon", "Y"];
  const middles = ["Văn", "Thị", "Minh", "Đức", "Ngọc", "Kim", "Thanh", "Hữu", "Quốc", "Thu", "Mai", "Bảo", "Anh", ""];
  const givens = ["An", "Anh", "Ánh", "Ảnh", "Ân", "Bình", "Chính", "Dung", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hoà", "Hoa", "Hùng", "Hưng", "Khoa", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngân", "Nga", "Ngà", "Ngọc", "Oanh", "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thủy", "Thuỷ", "Thúy", "Thu", "Trang", "Tú", "Tuấn", "Uyên", "Ưng", "Vân", "Xuân", "Yến", "ênuôl", "H'Hen", "Mlô", "Niê"];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const names: string[] = [];
  for (let i = 0; i < 400; i++) {
    const words = [families[rand(families.length)]!];
    const middleCount = rand(3);
    for (let j = 0; j < middleCount; j++) {
      const m = middles[rand(middles.length)]!;
      if (m) words.push(m);
    }
    words.push(givens[rand(givens.length)]!);
    let name = words.join(" ");
    if (rand(10) === 0) name = name.toUpperCase();
    if (rand(10) === 0) name = name.normalize("NFD");
    names.push(name);
  }

  it("orders exactly like compareVietnameseNames", () => {
    const keys = names.map(vietnameseNameSortKey);
    const mismatches: string[] = [];
    names.forEach((a, i) => {
      names.forEach((b, j) => {
        const byKey = keys[i]! < keys[j]! ? -1 : keys[i]! > keys[j]! ? 1 : 0;
        if (byKey !== Math.sign(compareVietnameseNames(a, b))) mismatches.push(`${a} | ${b}`);
      });
    });
    expect(mismatches).toEqual([]);
    // and the sorted lists are identical
    const byComparator = [...names].sort(compareVietnameseNames);
    const byKeyOrder = [...names].sort((a, b) => {
      const ka = vietnameseNameSortKey(a);
      const kb = vietnameseNameSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    expect(byKeyOrder).toEqual(byComparator);
  });

  it("uses only ASCII for the ordering part", () => {
    for (const n of names) {
      const key = vietnameseNameSortKey(n);
      const orderingPart = key.slice(0, key.lastIndexOf(" " + normalizeName(n)));
      expect(orderingPart).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it("agrees with ICU on every character of its alphabet", () => {
    const alphabet = [..."_-,;:!?.'\"()[]@*/&#%+0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"];
    const collator = new Intl.Collator("vi", { sensitivity: "base" });
    for (let i = 0; i + 1 < alphabet.length; i++) {
      expect([alphabet[i], alphabet[i + 1], collator.compare(alphabet[i]!, alphabet[i + 1]!)]).toEqual([
        alphabet[i],
        alphabet[i + 1],
        -1,
      ]);
    }
  });

  it("gives the same keys whether its per-word cache is cold, warm or was emptied when full", () => {
    const sample = names.slice(0, 50);
    const cold = sample.map(vietnameseNameSortKey);
    expect(sample.map(vietnameseNameSortKey)).toEqual(cold);
    // More distinct words than the cache holds (20,000): it empties itself on the way.
    const many = Array.from({ length: 25_000 }, (_, i) => `Nguyễn Văn Ân${i}`);
    const manyKeys = many.map(vietnameseNameSortKey);
    expect(new Set(manyKeys).size).toBe(many.length);
    expect(manyKeys[7]).toBe(vietnameseNameSortKey("Nguyễn Văn Ân7"));
    expect(sample.map(vietnameseNameSortKey)).toEqual(cold);
    // A cached word is not confused with another spelling of it: same letters, other tone or case.
    expect(vietnameseNameSortKey("Lê Thủy")).not.toBe(vietnameseNameSortKey("Lê Thúy"));
    const orderingPart = (name: string) => vietnameseNameSortKey(name).split(" ")[0];
    expect(orderingPart("LÊ THỦY")).toBe(orderingPart("Lê Thủy"));
  });
});
