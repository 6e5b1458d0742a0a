import { pino, type Logger, type DestinationStream, type LevelWithSilent } from "pino";

export type { Logger };

/** Keys that may carry credentials; pino replaces their values before anything is written. */
export const REDACT_PATHS = [
  "authorization",
  "Authorization",
  "headers.authorization",
  "req.headers.authorization",
  "token",
  "accessToken",
  "refreshToken",
  "password",
  "*.authorization",
  "*.token",
  "*.accessToken",
  "*.password",
];

export function createLogger(opts: { name: string; level?: LevelWithSilent; destination?: DestinationStream }): Logger {
  const options = {
    name: opts.name,
    level: opts.level ?? (process.env.LOG_LEVEL as LevelWithSilent | undefined) ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: { service: opts.name },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
