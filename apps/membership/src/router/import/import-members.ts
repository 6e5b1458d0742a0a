import { membershipContract } from "@orgboard/contract-membership";
import { importMembers } from "../../import/members.js";
import { procedure } from "../procedure.js";
import { runImport } from "./import-file.js";

const c = membershipContract.procedures;

/** Imports members from a CSV/XLSX file (all or nothing); rejected rows come back as { row, column, reason }. */
export const importMembersRoute = procedure("membership.members.import", { resource: "orgPath" })
  .input(c.import.members.input)
  .output(c.import.members.output)
  .mutation(({ ctx, input }) => runImport(ctx, input, importMembers));
