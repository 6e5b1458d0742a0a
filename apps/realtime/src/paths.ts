import { isOrgPath } from "@orgboard/contracts";

// Its own module: rooms.ts (where events go) and access.ts (which rooms a socket joins) both need it, and
// rooms.ts already names access.ts's Grant type.

/** `/01/01-007/x/` → `/`, `/01/`, `/01/01-007/`, `/01/01-007/x/`. Throws on a malformed path. */
export function ancestorPaths(orgPath: string): string[] {
  if (!isOrgPath(orgPath)) throw new Error(`not an organization path: ${JSON.stringify(orgPath)}`);
  const out = ["/"];
  for (let i = 1; i < orgPath.length; i++) if (orgPath[i] === "/") out.push(orgPath.slice(0, i + 1));
  return out;
}
