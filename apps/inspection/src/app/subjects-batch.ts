// Many subjects at once (a program's items): looked up a few at a time, so a 500-item program neither
// floods membership nor takes 500 round trips in a row.
import type { SubjectRefInput } from "@orgboard/contract-inspection";
import { subjectInScope, type ScopedCtx } from "./access.js";
import type { Subject } from "./subjects.js";

const PARALLEL = 8;

/** Each ref's subject (in scope), in order; NOT_FOUND naming `field(i)` for the first missing one. */
export async function subjectsInScope(ctx: ScopedCtx, refs: readonly SubjectRefInput[], field: (i: number) => string): Promise<Subject[]> {
  const out: Subject[] = new Array<Subject>(refs.length);
  for (let start = 0; start < refs.length; start += PARALLEL) {
    const chunk = refs.slice(start, start + PARALLEL);
    const found = await Promise.all(chunk.map((ref, j) => subjectInScope(ctx, ref, field(start + j))));
    found.forEach((s, j) => (out[start + j] = s));
  }
  return out;
}
