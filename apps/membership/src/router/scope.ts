// Which subtrees a list query reads: the one named in the input (checked against the caller's scope:
// 403 outside it, so a cross-province read is refused rather than silently emptied), or every subtree
// of the caller's scope when none is named ([] = nothing, never "no filter").
import type { Resource } from "@orgboard/auth";

interface ScopedContext {
  scope: string[];
  assertCan(resource: Resource): void;
}

export function listScope(ctx: ScopedContext, orgPath: string | undefined): string[] {
  if (orgPath === undefined) return ctx.scope;
  ctx.assertCan({ orgPath });
  return [orgPath];
}
