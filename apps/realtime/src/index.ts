// The socket protocol is the contract's (@orgboard/contract-realtime); re-exported for existing importers.
export * from "@orgboard/contract-realtime";
export * from "./rooms.js";
export * from "./access.js";
export * from "./gateway.js";
export * from "./adapters.js";
export * from "./session-log.js";
export * from "./checkpoint.js";
export * from "./lease.js";
export * from "./consumer.js";
export * from "./config.js";
export * from "./server.js";
