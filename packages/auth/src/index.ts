export { isWithin, isOrgPath, minimizeOrgPaths, ROOT_ORG_PATH } from "@orgboard/contracts";
export * from "./principal.js";
export * from "./policy.js";
export * from "./verifier.js";
export * from "./client-credentials.js";
