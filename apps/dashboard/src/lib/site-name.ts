// Site names read "Điểm cầu Tỉnh ủy Hà Giang", "Điểm cầu Đảng ủy Quân đội Trung ương": in a small tile
// the shared "Điểm cầu" prefix is all that fits. The tile shows what tells sites apart.
const SITE_PREFIX = /^điểm cầu\s+/iu;
const COMMITTEE_PREFIX = /^(tỉnh ủy|thành ủy|quận ủy|huyện ủy|thị ủy|đảng ủy|đảng bộ)\s+/iu;

/**
 * The distinguishing part of a site's name: without "Điểm cầu" and the committee kind ("Tỉnh ủy Hà
 * Giang" → "Hà Giang"). A name that would be left empty is returned whole (trimmed).
 */
export function siteShortName(name: string): string {
  // NFC: "ủ" may arrive decomposed, which the patterns would not match.
  const full = name.normalize("NFC").trim().replace(/\s+/gu, " ");
  const rest = full.replace(SITE_PREFIX, "");
  const short = rest.replace(COMMITTEE_PREFIX, "");
  return short || rest || full;
}
