import { membershipContract } from "@orgboard/contract-membership";
import { toDbDate } from "@orgboard/db";
import { bilingual } from "@orgboard/server-kit";
import { conflict, notFound } from "../errors.js";
import { orgContents } from "../orgs/org-ops.js";
import { procedure } from "../procedure.js";
import { commonPath, idempotentStep, WHOLE_COUNTRY } from "./step.js";

const c = membershipContract.procedures.restructuring.closeOrgs;

/**
 * Closes organizations on the effective date, deepest first (a commune's committee before its district's).
 * Refused, the whole step, while members, open organizations or transfers in progress remain in any of them:
 * no member is ever left in a closed organization.
 */
export const closeOrgsRoute = procedure("membership.restructuring.execute", { resource: WHOLE_COUNTRY })
  .input(c.input)
  .output(c.output)
  .mutation(({ ctx, input }) =>
    idempotentStep(ctx, input, "closeOrgs", async (tx) => {
      const found = [];
      for (const [i, k] of input.close.entries()) {
        const org = await tx.partyOrganization.findUnique({ where: { code: k.code } });
        if (!org) throw notFound(`close.${i}.code`, bilingual("không có tổ chức mã này", "no organization with this code"));
        if (org.closedOn) throw conflict(`close.${i}.code`, "already_closed", bilingual("tổ chức đã giải thể", "the organization is already closed"));
        found.push({ i, org, successorCode: k.successorCode });
      }
      found.sort((a, b) => b.org.depth - a.org.depth);
      for (const { i, org } of found) {
        const n = await orgContents(tx, org.id);
        const field = `close.${i}.code`;
        if (n.members > 0) throw conflict(field, "has_members", bilingual(`${org.code}: còn ${n.members} đảng viên sinh hoạt ở đây`, `${org.code}: ${n.members} member(s) still belong to it`));
        if (n.children > 0) throw conflict(field, "has_open_children", bilingual(`${org.code}: còn ${n.children} tổ chức trực thuộc đang hoạt động`, `${org.code}: ${n.children} organization(s) under it are still open`));
        if (n.transfers > 0) throw conflict(field, "has_open_transfers", bilingual(`${org.code}: còn ${n.transfers} việc chuyển sinh hoạt đang dở dang`, `${org.code}: ${n.transfers} transfer(s) in progress`));
        await tx.partyOrganization.update({ where: { id: org.id }, data: { closedOn: toDbDate(input.effectiveOn) } });
      }
      return {
        records: { organizationsClosed: found.length },
        orgPath: commonPath(found.map((f) => f.org.path)),
        audit: found.map((f) => ({ code: f.org.code, path: f.org.path, successorCode: f.successorCode })),
      };
    }),
  );
