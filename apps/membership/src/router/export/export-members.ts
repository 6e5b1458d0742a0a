import { exportMembers } from "../../export/index.js";
import { procedure } from "../procedure.js";
import { ZExportFileInput, ZExportFileOutput } from "./export-file.types.js";
import { runExport } from "./export-file.js";

/** Active members of a subtree as a CSV/XLSX file in the import template. */
export const exportMembersRoute = procedure("membership.members.export", { resource: "orgPath" })
  .input(ZExportFileInput)
  .output(ZExportFileOutput)
  .mutation(({ ctx, input }) => runExport(ctx, input, "members", exportMembers));
