export * from "./org-path.js";
export * from "./common.js";
export * from "./events.js";
export * from "./links.js";
export * from "./roles.js";
export * from "./contract.js";
export * from "./audit.js";
export * from "./rekey.js";
