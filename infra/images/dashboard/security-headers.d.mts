// Types of security-headers.mjs (plain JavaScript, so that the image runs it without a build).
export function connectSources(configText: string | undefined): string[];
export function securityHeaders(configText: string | undefined): Record<string, string>;
export function isSourceMap(pathname: string): boolean;
