// Pure conference rules: no I/O, no Prisma, time passed in as `now`.
export * from "./errors.js";
export * from "./org-path.js";
export * from "./conference.js";
export * from "./link.js";
export * from "./attendance.js";
export * from "./agenda.js";
export * from "./discussion.js";
export * from "./documents.js";
