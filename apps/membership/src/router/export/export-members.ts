import { membershipContract } from "@orgboard/contract-membership";
import { exportMembers } from "../../export/index.js";
import { procedure } from "../procedure.js";
import { runExport } from "./export-file.js";

const c = membershipContract.procedures;

/** Active members of a subtree as a CSV/XLSX file in the import template. */
export const exportMembersRoute = procedure("membership.members.export", { resource: "orgPath" })
  .input(c.export.members.input)
  .output(c.export.members.output)
  .mutation(({ ctx, input }) => runExport(ctx, input, "members", exportMembers));
