// commander writes its argument errors in English ("error: unknown option '--x'"). Officials read Vietnamese
// first: each known message gets its Vietnamese line before the original (kept whole, so the flag names and
// commander's suggestions stay exact). An unknown shape passes through unchanged.
const RULES: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^error: unknown command '([^']*)'/, (m) => `lỗi: không có lệnh '${m[1]}'`],
  [/^error: unknown option '([^']*)'/, (m) => `lỗi: không có tùy chọn '${m[1]}'`],
  [/^error: required option '([^']*)' not specified/, (m) => `lỗi: thiếu tùy chọn bắt buộc '${m[1]}'`],
  [/^error: option '([^']*)' argument missing/, (m) => `lỗi: tùy chọn '${m[1]}' thiếu giá trị`],
  [/^error: missing required argument '([^']*)'/, (m) => `lỗi: thiếu tham số bắt buộc '${m[1]}'`],
  [/^error: too many arguments/, () => "lỗi: thừa tham số"],
  [/^error: option '([^']*)' argument '([^']*)' is invalid/, (m) => `lỗi: giá trị '${m[2]}' của tùy chọn '${m[1]}' không hợp lệ`],
  [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'/, (m) => `lỗi: giá trị '${m[1]}' của tham số '${m[2]}' không hợp lệ`],
  [/^error: (.*) cannot be used with (.*)$/m, (m) => `lỗi: ${m[1]} không dùng cùng ${m[2]}`],
];

/** The Vietnamese line for a commander error message, then the message itself. */
export function vietnameseFirst(message: string): string {
  for (const [re, vi] of RULES) {
    const m = message.match(re);
    if (m) return `${vi(m)}\n${message}`;
  }
  return message;
}
