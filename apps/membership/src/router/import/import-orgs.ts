import { importOrganizations } from "../../import/orgs.js";
import { procedure } from "../procedure.js";
import { ZImportFileInput, ZImportFileOutput } from "./import-file.types.js";
import { runImport } from "./import-file.js";

/** Imports organizations from a CSV/XLSX file (all or nothing); rejected rows come back as { row, column, reason }. */
export const importOrgsRoute = procedure("membership.organizations.import", { resource: "orgPath" })
  .input(ZImportFileInput)
  .output(ZImportFileOutput)
  .mutation(({ ctx, input }) => runImport(ctx, input, importOrganizations));
