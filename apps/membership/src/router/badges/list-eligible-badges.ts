import { membershipContract, type EligibleBadge } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { addYears } from "@orgboard/locale-vi";
import { badgeDueAt } from "../../domain/party-age.js";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { inSubtreesWhere } from "../subtrees.js";
import { badgeLevels, partyAgeFacts } from "./party-age-facts.js";

const c = membershipContract.procedures;

const BATCH = 500;

/**
 * Official members due a party-age badge by a date (computed from admission and membership periods),
 * excluding levels already proposed or awarded; in member id order.
 */
export const listEligibleBadgesRoute = procedure("membership.badges.read")
  .input(c.badges.eligible.input)
  .output(c.badges.eligible.output)
  .query(async ({ ctx, input }) => {
    const scope = listScope(ctx, input.orgPath);
    const on = input.on ?? ctx.today();
    // Nobody admitted after this date can have 30 years of party age by `on`.
    const cutoff = toDbDate(addYears(on, -30));
    let after = decodeCursor(input.cursor, ["number"] as const)?.[0] ?? 0;
    const items: EligibleBadge[] = [];
    let more = false;
    for (;;) {
      const rows = await ctx.prisma.member.findMany({
        where: { ...inSubtreesWhere("orgPath", scope), status: "official", admittedOn: { lte: cutoff }, id: { gt: after } },
        select: { id: true, fullName: true, orgPath: true, admittedOn: true, officialOn: true },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) break;
      const [facts, levels] = await Promise.all([partyAgeFacts(ctx.prisma, rows), badgeLevels(ctx.prisma, rows.map((r) => r.id))]);
      for (const r of rows) {
        const l = levels.get(r.id) ?? { proposed: [], awarded: [] };
        const due = badgeDueAt(facts.get(r.id)!, on, l.awarded);
        if (!due || l.proposed.includes(due.years)) {
          after = r.id;
          continue;
        }
        if (items.length === input.limit) {
          more = true;
          break;
        }
        items.push({ memberId: r.id, fullName: r.fullName, orgPath: r.orgPath, years: due.years, reachedOn: due.reachedOn, occasion: due.occasion });
        after = r.id;
      }
      if (more || rows.length < BATCH) break;
    }
    const last = items[items.length - 1];
    return { on, items, nextCursor: more && last ? encodeCursor([last.memberId]) : null };
  });
