export * from "./plan.js";
export * from "./derive.js";
export * from "./work.js";
export * from "./schedule.js";
export * from "./subtree.js";
export * from "./structure.js";
