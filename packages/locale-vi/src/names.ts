// Vietnamese personal-name ordering.
//
// Lists of people in Vietnam are ordered by given name (the last word), then the middle names, then the
// family name (the first word): "Trần Văn An" comes before "Nguyễn Thị Bình". Each word is compared
// first by its letters in Vietnamese alphabet order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
// v x y; ICU's "vi" collation), then by its tone (ngang, huyền, hỏi, ngã, sắc, nặng — the order of
// ICU/CLDR and of the Hoàng Phê dictionary).
//
// Why not plain `Intl.Collator("vi").compare` on the word: ICU compares tone marks position by position,
// so "Thuý" (old-style placement on y) sorts before "Thủy" and "Thuỷ" before "Thúy"; official data mixes
// both placements (Hoà/Hòa). Taking the tone per word, wherever it is written, gives one order for both.

/** Tone of a syllable, in sort order. */
export const TONES = ["ngang", "huyen", "hoi", "nga", "sac", "nang"] as const;
export type Tone = (typeof TONES)[number];

// Combining tone marks (NFD) → tone rank. Breve, circumflex and horn are letters (ă â ê ô ơ ư), not tones.
const TONE_MARKS: ReadonlyMap<string, number> = new Map([
  ["\u0300", 1], // huyền
  ["\u0309", 2], // hỏi
  ["\u0303", 3], // ngã
  ["\u0301", 4], // sắc
  ["\u0323", 5], // nặng
]);

const baseCollator = new Intl.Collator("vi", { sensitivity: "base", usage: "sort" });
const fullCollator = new Intl.Collator("vi", { usage: "sort" });

/** Normalises a name: NFC, typographic apostrophes → ', whitespace collapsed, trimmed. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFC")
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

export interface NameParts {
  /** họ: the first word ("" for a one-word name) */
  family: string;
  /** tên đệm: the words between family and given name (possibly empty) */
  middle: string[];
  /** tên: the last word */
  given: string;
}

/** Splits a full name into family, middle and given name (first word, inner words, last word). */
export function splitName(fullName: string): NameParts {
  return splitNormalizedName(normalizeName(fullName));
}

/** splitName of a name already through normalizeName. */
function splitNormalizedName(normalized: string): NameParts {
  const words = normalized.split(" ").filter((w) => w.length > 0);
  if (words.length === 0) return { family: "", middle: [], given: "" };
  if (words.length === 1) return { family: "", middle: [], given: words[0]! };
  return { family: words[0]!, middle: words.slice(1, -1), given: words[words.length - 1]! };
}

/** Removes tone marks but keeps the letters ă â đ ê ô ơ ư. */
export function stripTones(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFD")) if (!TONE_MARKS.has(ch)) out += ch;
  return out.normalize("NFC");
}

/** Tone ranks (1..5) of the marks in a word, in order of appearance; "" for a word without tone marks. */
function toneSequence(word: string): string {
  let out = "";
  for (const ch of word.normalize("NFD")) {
    const rank = TONE_MARKS.get(ch);
    if (rank !== undefined) out += String(rank);
  }
  return out;
}

/** The tone of a (single-syllable) word: the first tone mark found, or "ngang". */
export function toneOf(word: string): Tone {
  const seq = toneSequence(word);
  return TONES[seq === "" ? 0 : Number(seq[0])]!;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two words: letters (Vietnamese alphabet, case-insensitive), then tone. */
export function compareVietnameseWords(a: string, b: string): number {
  const byLetters = baseCollator.compare(stripTones(a), stripTones(b));
  if (byLetters !== 0) return byLetters;
  return compareCodePoints(toneSequence(a), toneSequence(b));
}

function compareWordLists(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareVietnameseWords(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * Comparator for Array.prototype.sort: Vietnamese order of full names (given name, then middle names,
 * then family name). Names equal under that order are ordered by their normalised text (code points),
 * so the result is total and deterministic.
 */
export function compareVietnameseNames(a: string, b: string): number {
  const pa = splitName(a);
  const pb = splitName(b);
  const c =
    compareVietnameseWords(pa.given, pb.given) ||
    compareWordLists(pa.middle, pb.middle) ||
    compareVietnameseWords(pa.family, pb.family);
  if (c !== 0) return c < 0 ? -1 : 1;
  return compareCodePoints(normalizeName(a), normalizeName(b));
}

/** Plain Vietnamese string comparison (ICU "vi"), e.g. for organization names. */
export function compareVietnamese(a: string, b: string): number {
  return fullCollator.compare(a, b);
}

/** Returns a new array sorted by the Vietnamese name order of `nameOf(item)`. */
export function sortByVietnameseName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnameseNames(nameOf(x), nameOf(y)));
}

// ---- Sort key for the database -------------------------------------------------------------------
// PGlite has no ICU collations and PostgreSQL's "vi-x-icu" has the tone-placement problem above, so a
// query that must page through members in name order stores this key in a column (COLLATE "C") and
// orders by it. Ordering by the key gives exactly the order of compareVietnameseNames.

// Characters in ICU "vi" primary order (checked by a test against Intl.Collator). Each maps to one ASCII
// character from '0' (0x30) upwards; anything else maps to '~' + its code point, after all letters.
const KEY_ALPHABET = [
  ..."_-,;:!?.'\"()[]@*/&#%+",
  ..."0123456789",
  ..."aăâbcdđeêfghijklmnoôơpqrstuưvwxyz",
];
const KEY_CODE: ReadonlyMap<string, string> = new Map(
  KEY_ALPHABET.map((ch, i) => [ch, String.fromCharCode(0x30 + i)]),
);
const WORD_END = "!"; // 0x21: below every character code, so a shorter word sorts first
const MIDDLE_END = '"'; // 0x22: no more middle names
const MIDDLE_WORD = "#"; // 0x23: another middle name follows
const PART_END = " "; // 0x20: end of the ordering part; the tie-break text follows

function keyChar(ch: string): string {
  const direct = KEY_CODE.get(ch);
  if (direct !== undefined) return direct;
  // Letters with marks outside Vietnamese (ç, ñ, ö…): fall back to the bare letter when it is known.
  const bare = ch.normalize("NFD").replace(/\p{M}/gu, "");
  const viaBare = bare.length === 1 ? KEY_CODE.get(bare) : undefined;
  if (viaBare !== undefined) return viaBare;
  return "~" + (ch.codePointAt(0) ?? 0).toString(16).padStart(6, "0");
}

function computeWordKey(word: string): string {
  let key = "";
  for (const ch of stripTones(word).toLocaleLowerCase("vi")) key += keyChar(ch);
  return key + WORD_END + toneSequence(word) + WORD_END;
}

// Names reuse a few thousand syllables, and computing a word's key (NFD, tone scan, NFC, lower-casing)
// was most of the cost of a key: bulk imports call this a million times. Bounded: emptied when full.
const WORD_KEY_CACHE_MAX = 20_000;
const wordKeys = new Map<string, string>();

function wordKey(word: string): string {
  let key = wordKeys.get(word);
  if (key === undefined) {
    key = computeWordKey(word);
    if (wordKeys.size >= WORD_KEY_CACHE_MAX) wordKeys.clear();
    wordKeys.set(word, key);
  }
  return key;
}

/**
 * An ASCII-ordered sort key (compare with `<` in JS or `COLLATE "C"` in SQL) that orders names exactly
 * like compareVietnameseNames.
 */
export function vietnameseNameSortKey(fullName: string): string {
  // Normalised once: for the parts and for the tie-break text.
  const normalized = normalizeName(fullName);
  const p = splitNormalizedName(normalized);
  let key = wordKey(p.given);
  for (const m of p.middle) key += MIDDLE_WORD + wordKey(m);
  key += MIDDLE_END + wordKey(p.family);
  return key + PART_END + normalized;
}
