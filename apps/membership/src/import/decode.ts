// Text of a CSV file whatever encoding a board saved it in. The first MiB decides: a BOM (UTF-8,
// UTF-16 LE/BE: Excel's "Unicode text"), UTF-16 without BOM (NUL bytes at every other place), UTF-8
// (strict: a bad byte later in the file is an error naming its row, never a U+FFFD stored), else one of
// the 8-bit encodings Vietnamese boards used. CP1258 is converted (iconv-lite; unambiguous); TCVN3 (ABC)
// and VNI are recognised and refused naming the encoding: their letters depend on the font the text was
// typed in (.VnTime vs .VnTimeH upper case; VNI composes letters from two bytes), so a conversion could
// store wrong names without a word. Decision: docs/decisions/0003-libraries.md.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { importMessages as msg, text } from "@orgboard/messages";
import { MembershipInputError } from "../db/errors.js";

export type TextEncoding = "UTF-8" | "UTF-8 BOM" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1258";

const HEAD = 1 << 20;

/** Vietnamese syllable once its tone is removed (NFD, tone marks dropped, NFC), lower case. */
const SYLLABLE = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$/u;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** Share of the words holding a non-ASCII letter that are Vietnamese syllables (0 when none). */
export function vietnameseScore(decoded: string): { words: number; score: number } {
  let words = 0, good = 0;
  for (const word of decoded.split(/[^\p{L}\p{M}]+/u)) {
    if (!/[^\p{ASCII}]/u.test(word)) continue;
    words++;
    const nfd = word.toLowerCase().normalize("NFD");
    const tones = nfd.match(TONES)?.length ?? 0;
    const bare = nfd.replace(TONES, "").normalize("NFC");
    // ă â ê ô ơ follow only u, i, y, ư inside a syllable (tuân, tiên, người): "vaên" is VNI read as CP1258.
    if (tones <= 1 && SYLLABLE.test(bare) && !/[aeoăâêôơ][ăâêôơ]/u.test(bare)) good++;
  }
  return { words, score: words === 0 ? 0 : good / words };
}

const VNI_ALONE = new Set([0xf6, 0xd6, 0xf4, 0xd4, 0xf1, 0xd1, 0xed, 0xcd, 0xec, 0xcc, 0xe6, 0xc6, 0xf3, 0xd3, 0xf2, 0xd2, 0xee, 0xce]);
const VOWEL_BYTES = new Set([..."aeiouyAEIOUY"].map((c) => c.charCodeAt(0)).concat([0xf4, 0xf6, 0xd4, 0xd6]));

/** VNI writes a tone or a hat as a byte ≥ 0xC0 after an ASCII vowel, and never uses 0x80–0xBF. */
function looksVni(head: Buffer): boolean {
  let high = 0, fits = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x80) continue;
    high++;
    if (b < 0xc0) return false;
    if (VNI_ALONE.has(b) || (i > 0 && VOWEL_BYTES.has(head[i - 1]!))) fits++;
  }
  return high > 0 && fits / high >= 0.9;
}

/** TCVN3 (ABC) puts ă â ê ô ơ ư đ at 0xA1–0xAE and the toned lower-case vowels at 0xB5–0xFE. */
function looksTcvn3(head: Buffer): boolean {
  let hats = 0;
  for (const b of head) if (b >= 0xa1 && b <= 0xae) hats++;
  return hats > 0 && vietnameseScore(iconv.decode(head, "tcvn")).score >= 0.8;
}

/** Encoding of a file's first bytes (throws a bilingual input error for the ones refused). */
export function sniffEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "UTF-8 BOM";
  if (head[0] === 0xff && head[1] === 0xfe) return "UTF-16 LE";
  if (head[0] === 0xfe && head[1] === 0xff) return "UTF-16 BE";
  const sample = head.subarray(0, 4096);
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZero++;
    else oddZero++;
  }
  const half = sample.length / 2;
  if (half > 0 && oddZero > half * 0.3 && evenZero < half * 0.05) return "UTF-16 LE";
  if (half > 0 && evenZero > half * 0.3 && oddZero < half * 0.05) return "UTF-16 BE";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new MembershipInputError("file", text({ vi: "tệp là bảng tính .xlsx bị đổi tên thành .csv: hãy đặt lại phần mở rộng .xlsx", en: "the file is an .xlsx workbook renamed to .csv: give it back its .xlsx extension" }));
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new MembershipInputError("file", text(msg.passwordProtected()));
  if (evenZero + oddZero > 0) throw new MembershipInputError("file", text(msg.unknownEncoding()));
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return "UTF-8";
  } catch {
    // UTF-8 with a few bad bytes (valid multi-byte letters around them) is UTF-8: the decoder names the
    // row of the bad bytes. 8-bit Vietnamese text almost never forms a valid multi-byte sequence.
    const loose = new TextDecoder("utf-8").decode(head, { stream: true });
    let bad = 0, good = 0;
    for (const ch of loose) if (ch === "\uFFFD") bad++;
    else if (ch.charCodeAt(0) > 0x7f) good++;
    if (good > 0 && bad <= good) return "UTF-8";
  }
  const cp1258 = vietnameseScore(iconv.decode(head, "windows1258"));
  if (cp1258.score >= 0.8) return "Windows-1258";
  if (looksVni(head)) throw new MembershipInputError("file", text(msg.legacyEncoding("VNI")));
  if (looksTcvn3(head)) throw new MembershipInputError("file", text(msg.legacyEncoding("TCVN3 (ABC)")));
  // Words without Vietnamese letters (a Western file): Windows-1258 reads Latin-1 letters the same.
  if (cp1258.words > 0 && cp1258.score === 0 && iconv.decode(head, "windows1258").match(/[àáâãèéêìíòóôõùúýđ]/iu) === null) {
    throw new MembershipInputError("file", text(msg.unknownEncoding()));
  }
  if (cp1258.score >= 0.5) return "Windows-1258";
  throw new MembershipInputError("file", text(msg.unknownEncoding()));
}

/** Turns the file's bytes into UTF-8 bytes (what csv-parse reads), checking them on the way. */
interface Decoder {
  write(b: Buffer): Buffer;
  end(): Buffer;
}

const newlines = (b: Buffer) => {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
};

/** Bytes of an incomplete UTF-8 sequence at the end of `b` (0–3), to be checked with the next chunk. */
function incompleteTail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

function decoderFor(encoding: TextEncoding, fail: (chunk: Buffer) => never): Decoder {
  if (encoding === "UTF-8" || encoding === "UTF-8 BOM") {
    // The common case: the bytes go on as they are, checked by Node's native UTF-8 validator (no
    // string made and encoded again: that cost half the reading time of a million rows).
    let carry: Buffer = Buffer.alloc(0);
    let first = encoding === "UTF-8 BOM";
    return {
      write: (chunk) => {
        let b = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        if (first) {
          b = b.subarray(3);
          first = false;
        }
        const tail = incompleteTail(b);
        const whole = b.subarray(0, b.length - tail);
        carry = Buffer.from(b.subarray(b.length - tail));
        if (!isUtf8(whole)) fail(whole);
        return whole;
      },
      end: () => {
        if (carry.length > 0) fail(carry);
        return Buffer.alloc(0);
      },
    };
  }
  if (encoding === "Windows-1258") {
    const d = iconv.getDecoder("windows1258");
    return { write: (b) => Buffer.from(d.write(b)), end: () => Buffer.from(d.end() ?? "") };
  }
  // UTF-16: TextDecoder drops the BOM; fatal: an unpaired surrogate is an error, never a U+FFFD stored.
  const d = new TextDecoder(encoding === "UTF-16 LE" ? "utf-16le" : "utf-16be", { fatal: true });
  const decode = (b?: Buffer) => {
    try {
      return Buffer.from(b ? d.decode(b, { stream: true }) : d.decode());
    } catch {
      return fail(b ?? Buffer.alloc(0));
    }
  };
  return { write: (b) => decode(b), end: () => decode() };
}

/**
 * The file as UTF-8 bytes, in chunks, and the encoding it was read in (known once the first chunk is
 * out). Bytes not valid in that encoding are an error naming their row (line breaks counted so far).
 */
export function decodeText(bytes: AsyncIterable<Buffer | Uint8Array | string>): { encoding: () => TextEncoding | null; chunks: AsyncGenerator<Buffer> } {
  let encoding: TextEncoding | null = null;
  async function* run(): AsyncGenerator<Buffer> {
    let head: Buffer[] = [];
    let headLength = 0;
    let decoder: Decoder | null = null;
    let lines = 1;
    const fail = (chunk: Buffer): never => {
      // The row of the first bad byte: line breaks before it in a lenient decoding of the chunk.
      const label = encoding === "UTF-16 LE" ? "utf-16le" : encoding === "UTF-16 BE" ? "utf-16be" : "utf-8";
      const loose = new TextDecoder(label).decode(chunk);
      const before = loose.slice(0, Math.max(0, loose.indexOf("\uFFFD")));
      throw new MembershipInputError("file", text(msg.invalidUtf8(lines + (before.match(/\n/gu)?.length ?? 0))));
    };
    const decode = (b: Buffer): Buffer => {
      const out = decoder!.write(b);
      lines += newlines(out);
      return out;
    };
    // A closure: the compiler does not follow `decoder` through start().
    const finish = () => decoder!.end();
    const start = () => {
      const all = Buffer.concat(head);
      head = [];
      encoding = sniffEncoding(all);
      decoder = decoderFor(encoding, fail);
      return decode(all);
    };
    for await (const chunk of bytes) {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (decoder === null) {
        head.push(b);
        headLength += b.length;
        if (headLength >= HEAD) {
          const s = start();
          if (s.length > 0) yield s;
        }
        continue;
      }
      const s = decode(b);
      if (s.length > 0) yield s;
    }
    if (decoder === null) {
      if (headLength === 0) return;
      const s = start();
      if (s.length > 0) yield s;
    }
    const rest = finish();
    if (rest.length > 0) yield rest;
  }
  return { encoding: () => encoding, chunks: run() };
}
