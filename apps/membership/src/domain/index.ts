// Pure membership rules: no I/O, no Prisma. Re-exported for the router, the import and the reports.
export * from "./enums.js";
export * from "./result.js";
export * from "./org-tree.js";
export * from "./admission.js";
export * from "./party-age.js";
export * from "./rating.js";
export * from "./transfer.js";
export * from "./kpis.js";
export * from "./decision-effects.js";
