// Rows → the contract's views (one place, so every procedure answers alike).
import { MEMBER_END_REASONS, type CadreView, type MemberEndReason, type PostView } from "@orgboard/contract-personnel";
import type { Bar, Cadre, Holding, PoolEntry, Post } from "../generated/prisma/client.js";
import { fromDbDate, fromDbDateOrNull } from "./dates.js";

const isMemberEnd = (r: string | null): r is MemberEndReason => (MEMBER_END_REASONS as readonly (string | null)[]).includes(r);

export type CadreRow = Cadre & { holdings: (Holding & { post: Post })[]; pool: (PoolEntry & { post: Post })[]; bars: Bar[] };

export const cadreInclude = {
  holdings: { include: { post: true }, orderBy: { startedOn: "asc" } },
  pool: { include: { post: true }, orderBy: { addedOn: "asc" } },
  bars: { orderBy: { fromOn: "asc" } },
} as const;

export function toCadreView(c: CadreRow): CadreView {
  return {
    id: c.id,
    memberId: c.memberId,
    nationalId: c.nationalId,
    fullName: c.fullName,
    birthDate: fromDbDate(c.birthDate),
    gender: c.gender as CadreView["gender"],
    ethnicMinority: c.ethnicMinority,
    orgPath: c.orgPath,
    holdings: c.holdings.map((h) => ({
      assignmentId: h.id,
      postId: h.postId,
      title: h.post.title,
      orgPath: h.post.orgPath,
      startedOn: fromDbDate(h.startedOn),
      endedOn: fromDbDateOrNull(h.endedOn),
      endReason: h.endReason as CadreView["holdings"][number]["endReason"],
    })),
    pool: c.pool.map(toPoolPlaceView),
    bars: c.bars.map((b) => ({ purpose: b.purpose as CadreView["bars"][number]["purpose"], from: fromDbDate(b.fromOn), until: fromDbDate(b.untilOn), decisionId: b.decisionId, form: b.form })),
  };
}

export function toPoolPlaceView(e: PoolEntry & { post: Post }): CadreView["pool"][number] {
  return {
    entryId: e.id,
    postId: e.postId,
    title: e.post.title,
    termStartYear: e.post.termStartYear,
    addedOn: fromDbDate(e.addedOn),
    removedOn: fromDbDateOrNull(e.removedOn),
    // The column holds MEMBER_END_REASONS too (membership's member events, 1.1): shown as memberEnded.
    ...(isMemberEnd(e.removalReason) ? { removalReason: null, memberEnded: e.removalReason } : { removalReason: e.removalReason as CadreView["pool"][number]["removalReason"] }),
  };
}

export function toPostView(p: Post & { holdings: Holding[] }): PostView {
  const current = p.holdings.find((h) => h.endedOn === null);
  return {
    id: p.id,
    orgPath: p.orgPath,
    title: p.title,
    kind: p.kind as PostView["kind"],
    body: p.body as PostView["body"],
    committee: p.committee as PostView["committee"],
    termStartYear: p.termStartYear,
    termEndYear: p.termEndYear,
    membersOnly: p.membersOnly,
    holderCadreId: current?.cadreId ?? null,
  };
}
