import { membershipContract } from "@orgboard/contract-membership";
import { importOrganizations } from "../../import/orgs.js";
import { procedure } from "../procedure.js";
import { runImport } from "./import-file.js";

const c = membershipContract.procedures;

/** Imports organizations from a CSV/XLSX file (all or nothing); rejected rows come back as { row, column, reason }. */
export const importOrgsRoute = procedure("membership.organizations.import", { resource: "orgPath" })
  .input(c.import.orgs.input)
  .output(c.import.orgs.output)
  .mutation(({ ctx, input }) => runImport(ctx, input, importOrganizations));
