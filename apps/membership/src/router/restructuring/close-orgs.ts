import { membershipContract } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { bilingual } from "@orgboard/server-kit";
import { conflict, notFound } from "../errors.js";
import { procedure } from "../procedure.js";
import { commonPath, idempotentStep, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.closeOrgs;

/**
 * Closes organizations on the effective date, all at once (a district's committee with the communes' it holds).
 * Refused, the whole step, while members, open organizations or transfers in progress remain in any of them:
 * no member is ever left in a closed organization.
 */
export const closeOrgsRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "closeOrgs", async (tx) => {
      const codes = input.close.map((k) => k.code);
      const rows = await tx.partyOrganization.findMany({ where: { code: { in: codes } } });
      const byCode = new Map(rows.map((o) => [o.code, o]));
      const found = input.close.map((k, i) => {
        const org = byCode.get(k.code);
        if (!org) throw notFound(`close.${i}.code`, bilingual("không có tổ chức mã này", "no organization with this code"));
        if (org.closedOn) throw conflict(`close.${i}.code`, "already_closed", bilingual("tổ chức đã giải thể", "the organization is already closed"));
        return { i, org, successorCode: k.successorCode };
      });
      const indexOf = new Map(found.map((f) => [f.org.id, f.i]));
      const ids = found.map((f) => f.org.id);
      // What still lives in them (one query each for all): active members, open organizations not closing too, transfers in progress.
      const members = await tx.$queryRaw<{ org_id: number; n: number }[]>`SELECT org_id, count(*)::int AS n FROM member WHERE org_id = ANY(${ids}::int[]) AND status IN ('probationary', 'official') GROUP BY org_id ORDER BY org_id LIMIT 1`;
      if (members[0]) {
        const org = found[indexOf.get(members[0].org_id)!]!.org;
        throw conflict(`close.${indexOf.get(org.id)}.code`, "has_members", bilingual(`${org.code}: còn ${members[0].n} đảng viên sinh hoạt ở đây`, `${org.code}: ${members[0].n} member(s) still belong to it`));
      }
      const children = await tx.$queryRaw<{ parent_id: number; n: number }[]>`SELECT parent_id, count(*)::int AS n FROM party_organization WHERE parent_id = ANY(${ids}::int[]) AND closed_on IS NULL AND NOT (id = ANY(${ids}::int[])) GROUP BY parent_id ORDER BY parent_id LIMIT 1`;
      if (children[0]) {
        const org = found[indexOf.get(children[0].parent_id)!]!.org;
        throw conflict(`close.${indexOf.get(org.id)}.code`, "has_open_children", bilingual(`${org.code}: còn ${children[0].n} tổ chức trực thuộc đang hoạt động`, `${org.code}: ${children[0].n} organization(s) under it are still open`));
      }
      const transfers = await tx.$queryRaw<{ org_id: number; n: number }[]>`SELECT coalesce(from_org_id, to_org_id) AS org_id, count(*)::int AS n FROM transfer WHERE (from_org_id = ANY(${ids}::int[]) OR to_org_id = ANY(${ids}::int[])) AND status IN ('requested', 'issued') GROUP BY 1 LIMIT 1`;
      if (transfers[0]) {
        const org = found.find((f) => f.org.id === transfers[0]!.org_id)?.org ?? found[0]!.org;
        throw conflict(`close.${indexOf.get(org.id)}.code`, "has_open_transfers", bilingual(`${org.code}: còn ${transfers[0].n} việc chuyển sinh hoạt đang dở dang`, `${org.code}: ${transfers[0].n} transfer(s) in progress`));
      }
      await tx.partyOrganization.updateMany({ where: { id: { in: ids } }, data: { closedOn: toDbDate(input.effectiveOn) } });
      return {
        records: { organizationsClosed: found.length },
        orgPath: commonPath(found.map((f) => f.org.path)),
        audit: found.map((f) => ({ code: f.org.code, path: f.org.path, successorCode: f.successorCode })),
      };
    }),
  );
