// A congress row and its candidates as the contract shows them (congressViewSchema): ids and counts.
import type { CandidacyKind, CongressLevel } from "@orgboard/contract-personnel";
import { fromDbDate } from "../../app/dates.js";
import type { Congress, CongressCandidate } from "../../generated/prisma/client.js";

export type CongressRow = Congress & { candidates: CongressCandidate[] };

export const withCandidates = { candidates: { orderBy: { id: "asc" } } } as const;

export function toCongressView(c: CongressRow) {
  const structure =
    c.committeeSize === null
      ? null
      : {
          committeeSize: c.committeeSize,
          standingSize: c.standingSize ?? 0,
          inspectionSize: c.inspectionSize ?? 0,
          womenTargetPercent: c.womenTargetPercent ?? 0,
          youngTargetPercent: c.youngTargetPercent ?? 0,
          ethnicMinorityTarget: c.ethnicMinorityTarget ?? 0,
        };
  return {
    congressId: c.id,
    orgPath: c.orgPath,
    level: c.level as CongressLevel,
    termStartYear: c.termStartYear,
    termEndYear: c.termEndYear,
    plannedOn: fromDbDate(c.plannedOn),
    structure,
    candidates: c.candidates.map((k) => ({ candidateId: k.id, cadreId: k.cadreId, kind: k.kind as CandidacyKind, votes: k.votes, elected: k.elected })),
    result: c.resultPostedAt && c.heldOn ? { heldOn: fromDbDate(c.heldOn), validBallots: c.validBallots ?? 0, elected: c.electedCount ?? 0 } : null,
  };
}
