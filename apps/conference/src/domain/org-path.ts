// Organization paths per docs/decisions/0001: "/" is the centre, "/08/" a province, "/08/08-003/" below it.
// Syntax and subtree checks are the shared ones (contracts); what the conference adds is grouping.
import { isOrgPath, isWithin } from "@orgboard/contracts";

export { isOrgPath, isWithin };

/** The top-level organization a path belongs to ("/08/08-003/" → "/08/"); "/" for the centre itself. */
export function topLevelPath(path: string): string {
  const second = path.indexOf("/", 1);
  return second === -1 ? "/" : path.slice(0, second + 1);
}
