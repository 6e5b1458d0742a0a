import type { Resource } from "@orgboard/auth";
import { isWithin } from "../domain/index.js";
import { notFound } from "./load.js";
import type { Tx } from "./record.js";

interface ScopedCtx {
  can(resource: Resource): boolean;
  scope: string[];
}

// A conference the reader may not see answers exactly like one that does not exist (#9 finding 5): the
// caller learns nothing about records outside its scope, not even that they exist.
const hidden = () => notFound("Conference");

/**
 * What of a conference a reader may see: everything (null) when the conference's organization is in
 * scope; otherwise the reader's own subtrees inside it, provided at least one site of the conference
 * lies there (a provincial board follows the national conference through its own sites).
 */
export async function readablePrefixes(db: Pick<Tx, "conferenceSite">, ctx: ScopedCtx, conference: { id: string; orgPath: string }): Promise<string[] | null> {
  if (ctx.can({ orgPath: conference.orgPath })) return null;
  const prefixes = ctx.scope.filter((p) => isWithin(p, conference.orgPath));
  if (prefixes.length === 0) throw hidden();
  const mine = await db.conferenceSite.count({
    where: { conferenceId: conference.id, OR: prefixes.map((p) => ({ orgPath: { startsWith: p } })) },
  });
  if (mine === 0) throw hidden();
  return prefixes;
}

/** Intersects a requested subtree with what the reader may see (null = no limit). */
export function narrow(prefixes: string[] | null, requested: string | undefined): string[] | null {
  if (requested === undefined) return prefixes;
  if (prefixes === null) return [requested];
  // Inside one of the reader's subtrees: just the requested one; a wider request: the reader's parts of it.
  if (prefixes.some((p) => isWithin(requested, p))) return [requested];
  return prefixes.filter((p) => isWithin(p, requested));
}
