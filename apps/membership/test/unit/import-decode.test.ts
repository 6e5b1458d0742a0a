// Encoding and separator detection of the CSV reader (src/import/decode.ts, read.ts), on text a board
// would have: the names and places of a member file in each encoding.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { MembershipInputError } from "../../src/db/errors.js";
import { sniffEncoding, vietnameseScore } from "../../src/import/decode.js";
import { detectSeparator } from "../../src/import/read.js";
import { cp1258Form } from "../corpus/generate.js";

const SAMPLE = "Họ và tên,Quê quán\nNguyễn Văn Được,Hà Nội\nTrần Thị Bích Hường,Thừa Thiên Huế\nLò Văn Tày,Điện Biên\n";
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof MembershipInputError) return e.message;
    throw e;
  }
  return null;
};

describe("sniffEncoding", () => {
  it("reads BOMs, UTF-16 without BOM and plain UTF-8", () => {
    expect(sniffEncoding(Buffer.from(`\uFEFF${SAMPLE}`))).toBe("UTF-8 BOM");
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, "utf16le")]))).toBe("UTF-16 LE");
    expect(sniffEncoding(Buffer.from(SAMPLE, "utf16le"))).toBe("UTF-16 LE");
    expect(sniffEncoding(Buffer.from(SAMPLE, "utf16le").swap16())).toBe("UTF-16 BE");
    expect(sniffEncoding(Buffer.from(SAMPLE))).toBe("UTF-8");
  });

  it("takes Windows-1258 and refuses TCVN3 by name", () => {
    expect(sniffEncoding(iconv.encode(cp1258Form(SAMPLE), "windows1258"))).toBe("Windows-1258");
    expect(refusal(() => sniffEncoding(iconv.encode(SAMPLE, "tcvn")))).toMatch(/bảng mã TCVN3 \(ABC\).* \/ .*TCVN3 \(ABC\) encoding/u);
  });

  it("refuses an .xlsx renamed to .csv and binary files", () => {
    expect(refusal(() => sniffEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])))).toMatch(/\.xlsx/u);
    expect(refusal(() => sniffEncoding(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])))).toMatch(/mật khẩu/u);
  });
});

describe("vietnameseScore", () => {
  it("tells Vietnamese syllables from VNI read as Windows-1258", () => {
    expect(vietnameseScore("Nguyễn Văn Được, Thừa Thiên Huế").score).toBe(1);
    expect(vietnameseScore("Nguyeăn Vaên Ñöôïc").score).toBeLessThan(0.5);
  });
});

describe("detectSeparator", () => {
  it("takes the separator used most outside quotes, comma when none", () => {
    expect(detectSeparator("Họ và tên;Ngày sinh;Giới tính")).toBe(";");
    expect(detectSeparator("Họ và tên\tNgày sinh")).toBe("\t");
    expect(detectSeparator('"Tên; đệm",Ngày sinh,Giới tính')).toBe(",");
    expect(detectSeparator("Họ và tên")).toBe(",");
  });
});
