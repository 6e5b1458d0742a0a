import { membershipContract, type EligibleBadge } from "@orgboard/contract-membership";
import { addYears } from "@orgboard/locale-vi";
import { badgeDueAt } from "../../domain/party-age.js";
import { procedure } from "../procedure.js";
import { decodeCursor, encodeCursor } from "../schemas.js";
import { listScope } from "../scope.js";
import { Params, inSubtrees } from "../sql.js";
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
    // Nobody admitted (by decision date, else ceremony: party-age-facts.ts) after this date can have 30 years of party age by `on`.
    const cutoff = addYears(on, -30);
    let after = decodeCursor(input.cursor, ["number"] as const)?.[0] ?? 0;
    const items: EligibleBadge[] = [];
    let more = false;
    for (;;) {
      const p = new Params();
      const { rows } = await ctx.db.query<{ id: number; full_name: string; org_path: string; admitted_on: string; official_on: string | null }>(
        `SELECT m.id, m.full_name, m.org_path, m.admitted_on, m.official_on FROM member m
          WHERE ${inSubtrees("m.org_path", scope, p)} AND m.status = 'official'
            AND coalesce((SELECT a.decided_on FROM admission a WHERE a.member_id = m.id), m.admitted_on) <= ${p.add(cutoff)}::date AND m.id > ${p.add(after)}::int
          ORDER BY m.id LIMIT ${BATCH}`,
        p.values,
      );
      if (rows.length === 0) break;
      const facts = await partyAgeFacts(ctx.db, rows);
      const levels = await badgeLevels(ctx.db, rows.map((r) => r.id));
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
        items.push({ memberId: r.id, fullName: r.full_name, orgPath: r.org_path, years: due.years, reachedOn: due.reachedOn, occasion: due.occasion });
        after = r.id;
      }
      if (more || rows.length < BATCH) break;
    }
    const last = items[items.length - 1];
    return { on, items, nextCursor: more && last ? encodeCursor([last.memberId]) : null };
  });
