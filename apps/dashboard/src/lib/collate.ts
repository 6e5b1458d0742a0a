// Vietnamese ordering. TODO(locale-vi): replace with packages/locale-vi's comparator when it lands; until
// then ICU's Vietnamese collation (a < ă < â < b … d < đ, tones as secondary differences) does the letters.
const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
const exact = new Intl.Collator("vi", { sensitivity: "variant", numeric: true });

/** Compare plain Vietnamese strings (place names, titles). */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b) || exact.compare(a, b);
}

/**
 * Compare personal names the Vietnamese way: by given name (the last word) first, then family name
 * (the first word), then the middle names — so "Nguyễn Văn An" comes before "Trần Thị Bình".
 */
export function compareViNames(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  for (let i = 0; i < 3; i++) {
    const c = compareVi(ka[i] ?? "", kb[i] ?? "");
    if (c !== 0) return c;
  }
  return 0;
}

function nameKey(name: string): [string, string, string] {
  const words = name.normalize("NFC").trim().split(/\s+/);
  if (words.length <= 1) return [words[0] ?? "", "", ""];
  const given = words[words.length - 1] ?? "";
  const family = words[0] ?? "";
  return [given, family, words.slice(1, -1).join(" ")];
}
