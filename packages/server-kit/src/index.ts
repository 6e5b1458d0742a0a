export * from "./trpc.js";
export * from "./errors.js";
export * from "./logger.js";
export * from "./config.js";
export * from "./service.js";
export * from "./input-guard.js";
export * from "./audit-config.js";
export * from "./rate-limit.js";
export { FORBIDDEN_MESSAGE, UNAUTHORIZED_MESSAGE } from "./bilingual.js";
