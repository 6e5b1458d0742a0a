import { importMembers } from "../../import/members.js";
import { procedure } from "../procedure.js";
import { ZImportFileInput, ZImportFileOutput } from "./import-file.types.js";
import { runImport } from "./import-file.js";

/** Imports members from a CSV/XLSX file (all or nothing); rejected rows come back as { row, column, reason }. */
export const importMembersRoute = procedure("membership.members.import", { resource: "orgPath" })
  .input(ZImportFileInput)
  .output(ZImportFileOutput)
  .mutation(({ ctx, input }) => runImport(ctx, input, importMembers));
