// The inspection service's rules as pure functions (no I/O, time passed in as dates): each cites its
// source in docs/inspection.md ("Rules"); the annual report's reference is in report.ts ("Figures").
export * from "./errors.js";
export * from "./vocabulary.js";
export * from "./org-path.js";
export * from "./holidays.js";
export * from "./working-days.js";
export * from "./case.js";
export * from "./program.js";
export * from "./discipline.js";
export * from "./petitions.js";
export * from "./watch-list.js";
export * from "./report.js";
