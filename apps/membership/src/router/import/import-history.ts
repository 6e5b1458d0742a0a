import { membershipContract } from "@orgboard/contract-membership";
import { importHistory } from "../../import/history/import.js";
import { procedure } from "../procedure.js";
import { runImport } from "./import-file.js";

const c = membershipContract.procedures;

/** Imports past years of the register's members, one kind per file (all or nothing); rejected rows as { row, column, reason }. */
export const importHistoryRoute = procedure("membership.members.import", { resource: "orgPath" })
  .input(c.import.history.input)
  .output(c.import.history.output)
  .mutation(({ ctx, input }) => runImport(ctx, input, (db, file, options) => importHistory(db, input.kind, file, options)));
