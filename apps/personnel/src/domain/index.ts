// The personnel service's rules: pure functions, no I/O (docs/personnel.md).
export * from "./errors.js";
export * from "./retirement.js";
export * from "./planning.js";
export * from "./confidence.js";
export * from "./discipline.js";
export * from "./standard.js";
export * from "./congress.js";
// pers-cadres (#13)
export * from "./rotation.js";
export * from "./review.js";
export * from "./surplus.js";
export * from "./figures.js";
