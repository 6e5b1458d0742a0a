// Where the organization tree a preview runs on comes from. Tests give it as data; production will read it
// from membership's contract with the service's client-credentials token (docs/restructuring.md, "State").
import type { OrgNode } from "../domain/index.js";

export interface TreeSource {
  /** Every organization (open and closed) with its direct active member count. */
  load(): Promise<readonly OrgNode[]>;
}

export function staticTree(nodes: readonly OrgNode[]): TreeSource {
  return { load: () => Promise.resolve(nodes) };
}
