import { membershipContract } from "@orgboard/contract-membership";
import { fromDbDate, fromDbDateOrNull } from "@orgboard/db";
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { conflict, throwIf } from "../errors.js";
import { procedure } from "../procedure.js";
import { findOrg, orgViewOf } from "../records.js";
import { notAfterToday } from "../schemas.js";
import { closeOrganization, orgContents } from "./org-ops.js";

const c = membershipContract.procedures;

/**
 * Closes (dissolves) an organization. Refused while anything still lives in it: open child
 * organizations, active members, transfers in progress to or from it (members are never left in a closed
 * organization; move them first with transfers).
 */
export const closeOrgRoute = procedure("membership.organizations.manage", { resource: "orgPath" })
  .input(c.orgs.close.input)
  .output(c.orgs.close.output)
  .mutation(({ ctx, input }) =>
    ctx.prisma.$transaction(async (tx) => {
      const before = await findOrg(tx, input.orgPath, "orgPath", true);
      const closedOn = fromDbDateOrNull(before.closedOn);
      const openedOn = fromDbDate(before.openedOn);
      if (closedOn) throw conflict("orgPath", "already_closed", bilingual(`tổ chức đảng đã giải thể ngày ${closedOn}`, `the organization closed on ${closedOn}`));
      const early = input.closedOn < openedOn ? [{ field: "closedOn", code: "closed_before_opened", message: bilingual(`${input.closedOn} trước ngày thành lập tổ chức (${openedOn})`, `${input.closedOn} is before the organization was founded (${openedOn})`) }] : [];
      throwIf([...notAfterToday(input.closedOn, ctx.today(), "closedOn"), ...early]);
      const counts = await orgContents(tx, before.id);
      if (counts.children > 0) throw conflict("orgPath", "has_open_children", bilingual(`còn ${counts.children} tổ chức trực thuộc đang hoạt động: hãy giải thể hoặc chuyển chúng trước`, `${counts.children} organization(s) under it are still open: close or move them first`));
      if (counts.members > 0) throw conflict("orgPath", "has_members", bilingual(`còn ${counts.members} đảng viên sinh hoạt ở đây: hãy chuyển sinh hoạt trước`, `${counts.members} member(s) still belong to it: transfer them first`));
      if (counts.transfers > 0) throw conflict("orgPath", "has_open_transfers", bilingual(`còn ${counts.transfers} việc chuyển sinh hoạt đến hoặc đi đang dở dang`, `${counts.transfers} transfer(s) to or from it are in progress`));
      const { row, change, event } = await closeOrganization(tx, before, input.closedOn);
      await recordCallerChange(tx, ctx, { ...change, events: [event] });
      return orgViewOf(row);
    }),
  );
