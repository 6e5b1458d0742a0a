// Organization paths per docs/decisions/0001 ("/" the centre, "/01/" a province, "/01/01-007/" below).
// Syntax and the subtree test are the shared ones (@orgboard/contracts); what the discipline rules add is
// "same level", "below" and "above" between a deciding body and a subject.
import { isOrgPath, isWithin } from "@orgboard/contracts";

export { isOrgPath, isWithin };

/** Is `path` strictly below `prefix` (inside its subtree, not equal)? */
export function isStrictlyBelow(path: string, prefix: string): boolean {
  return path !== prefix && isWithin(path, prefix);
}

/** Is `path` strictly above `other` (a proper ancestor)? */
export function isStrictlyAbove(path: string, other: string): boolean {
  return isStrictlyBelow(other, path);
}

/** The parent's path ("/01/01-007/" → "/01/"); null for the root "/". */
export function parentPath(path: string): string | null {
  if (path === "/") return null;
  const cut = path.lastIndexOf("/", path.length - 2);
  return path.slice(0, cut + 1);
}
