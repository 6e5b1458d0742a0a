// Organization paths per docs/decisions/0001: "/" is the centre, "/08/" a province, "/08/08-003/" below it.
// The trailing slash makes "inside the subtree of P" exactly `path.startsWith(P)`.
const ORG_PATH = /^\/(?:[A-Za-z0-9][A-Za-z0-9_-]*\/)*$/;

export function isOrgPath(value: string): boolean {
  return ORG_PATH.test(value);
}

export function isWithin(path: string, ancestor: string): boolean {
  return path.startsWith(ancestor);
}

/** The top-level organization a path belongs to ("/08/08-003/" → "/08/"); "/" for the centre itself. */
export function topLevelPath(path: string): string {
  const second = path.indexOf("/", 1);
  return second === -1 ? "/" : path.slice(0, second + 1);
}

export function depth(path: string): number {
  return path.split("/").length - 2;
}
