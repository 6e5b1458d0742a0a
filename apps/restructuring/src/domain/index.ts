export * from "./plan.js";
export * from "./derive.js";
