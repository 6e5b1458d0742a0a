import { describe, expect, it } from "vitest";
import { siteShortName } from "../src/lib/site-name.js";

describe("siteShortName", () => {
  it("keeps what tells sites apart: the committee's place, not the shared 'Điểm cầu'", () => {
    expect(siteShortName("Điểm cầu Tỉnh ủy Hà Giang")).toBe("Hà Giang");
    expect(siteShortName("Điểm cầu Thành ủy Hà Nội")).toBe("Hà Nội");
    expect(siteShortName("Điểm cầu Huyện ủy Bắc Mê")).toBe("Bắc Mê");
    expect(siteShortName("Điểm cầu Đảng ủy Quân đội Trung ương")).toBe("Quân đội Trung ương");
    expect(siteShortName("điểm cầu  Đảng ủy cơ sở 01-007-0031")).toBe("cơ sở 01-007-0031");
  });

  it("matches decomposed Unicode and never returns an empty label", () => {
    expect(siteShortName("Điểm cầu Tỉnh ủy Cao Bằng".normalize("NFD"))).toBe("Cao Bằng");
    expect(siteShortName("Điểm cầu Tỉnh ủy")).toBe("Tỉnh ủy");
    expect(siteShortName("Hội trường A")).toBe("Hội trường A");
  });
});
