// Every text cell as it is stored: NFC (a decomposed "Mông" matches the composed one), line breaks and
// tabs inside a cell made spaces, and no invisible character: a zero-width space, a BOM, a soft hyphen,
// a bidi or control character is refused naming it (U+200B ZERO WIDTH SPACE), since the same word must
// match itself and what is stored is what the person sees. Cells over the length limit are refused
// without echoing them.
import { hiddenCharName, importMessages as msg, text } from "@orgboard/messages";
import { MembershipInputError } from "../db/errors.js";

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const BREAKS = /\r\n|[\t\r\n]/gu;
// Printable ASCII: nothing to normalize.
const PLAIN = /^[\x20-\x7e]*$/u;

/** The cell as stored, or an input error naming the row, the column and the character. */
export function normalizeCell(value: string, row: number, column: string, maxChars: number): string {
  if (PLAIN.test(value)) {
    if (value.length > maxChars) throw new MembershipInputError("file", text(msg.cellTooLong(row, column, value.length, maxChars, value)));
    return value;
  }
  let v = value.replace(BREAKS, " ");
  const hidden = HIDDEN.exec(v);
  if (hidden) throw new MembershipInputError("file", text(msg.hiddenChar(row, column, hiddenCharName(hidden[0]))));
  v = v.normalize("NFC");
  if (v.length > maxChars) throw new MembershipInputError("file", text(msg.cellTooLong(row, column, v.length, maxChars, v)));
  return v;
}
