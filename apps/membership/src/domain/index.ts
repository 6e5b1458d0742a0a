// Pure membership rules: no I/O, no Prisma. Re-exported for the router, the import and the reports.
export * from "./enums.js";
