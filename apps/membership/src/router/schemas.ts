// What the procedures share beyond their schemas (those are in packages/contract-membership): opaque list
// cursors and the "no future dates" rule.
import { isIsoDate } from "@orgboard/locale-vi";
import { invalid } from "./errors.js";
import { bilingual } from "@orgboard/server-kit";

// ---- Cursors: opaque to clients (base64url of the keyset position) ---------------------------------

export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

type CursorKind = "string" | "number" | "date";

// Each position value must fit the column it is compared with: a forged cursor is a 400, never a 500.
const CURSOR_CHECKS: Record<CursorKind, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string" && v.length <= 1024,
  number: (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 2_147_483_647,
  date: (v) => isIsoDate(v),
};

/** Decodes a cursor made by encodeCursor with the given element types; BAD_REQUEST "cursor" otherwise. */
export function decodeCursor<const K extends readonly CursorKind[]>(
  cursor: string | null | undefined,
  kinds: K,
): { [I in keyof K]: K[I] extends "number" ? number : string } | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length || parsed.some((v, i) => !CURSOR_CHECKS[kinds[i]!](v))) {
    throw invalid("cursor", "bad_cursor", bilingual("không phải con trỏ trang do danh sách này trả về", "is not a cursor returned by this list"));
  }
  return parsed as never;
}

/** Today's date must not be passed: "no future dates" for records of things that happened. */
export function notAfterToday(date: string, today: string, field: string) {
  return date > today ? [{ field, code: "in_future", message: bilingual(`${date} là ngày trong tương lai (hôm nay là ${today})`, `${date} is in the future (today is ${today})`) }] : [];
}
