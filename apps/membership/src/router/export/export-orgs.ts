import { membershipContract } from "@orgboard/contract-membership";
import { exportOrganizations } from "../../export/index.js";
import { procedure } from "../procedure.js";
import { runExport } from "./export-file.js";

const c = membershipContract.procedures;

/** The organizations of a subtree as a CSV/XLSX file in the import template. */
export const exportOrgsRoute = procedure("membership.organizations.export", { resource: "orgPath" })
  .input(c.export.orgs.input)
  .output(c.export.orgs.output)
  .mutation(({ ctx, input }) => runExport(ctx, input, "organizations", exportOrganizations));
