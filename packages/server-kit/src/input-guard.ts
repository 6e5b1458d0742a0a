// Input every procedure refuses before its own validation sees it (issue #9): control characters in any
// string or key. A NUL reaching PostgreSQL fails the statement (a 500 before this guard); the others have
// no business in names, numbers or free text and hide content from reviewers of the audit trail.
// Tab, line feed and carriage return stay allowed (multi-line findings and notes).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Dotted path of the first string (or key) holding a control character, or null. Walks at most `budget` values. */
export function findControlCharacter(value: unknown, budget = 1_000_000): string | null {
  let left = budget;
  const walk = (v: unknown, path: string): string | null => {
    if (--left < 0) return null;
    if (typeof v === "string") return CONTROL.test(v) ? path : null;
    if (v === null || typeof v !== "object") return null;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const hit = walk(v[i], path ? `${path}.${i}` : String(i));
        if (hit !== null) return hit;
      }
      return null;
    }
    for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
      const here = path ? `${path}.${k}` : k;
      if (CONTROL.test(k)) return path || "";
      const hit = walk(inner, here);
      if (hit !== null) return hit;
    }
    return null;
  };
  return walk(value, "");
}

export const CONTROL_CHARACTER_MESSAGE = "chứa ký tự điều khiển không được phép / contains a control character that is not allowed";
