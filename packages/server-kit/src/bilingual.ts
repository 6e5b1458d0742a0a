// Every message a user reads is Vietnamese first, then English: "<vi> / <en>". Its own module, so that
// config.ts and rate-limit.ts (which config.ts reads the limits' type from) do not import each other.
/** A bilingual message: "<vi> / <en>". */
export const bilingual = (vi: string, en: string) => `${vi} / ${en}`;
