// Every message a user reads is Vietnamese first, then English: "<vi> / <en>". Its own module, so that
// config.ts and rate-limit.ts (which config.ts reads the limits' type from) do not import each other.
/** A bilingual message: "<vi> / <en>". */
export const bilingual = (vi: string, en: string) => `${vi} / ${en}`;

/** The one refusal for a role or a place the caller may not act on: it says nothing of what exists there. */
export const FORBIDDEN_MESSAGE = bilingual(
  "Không có quyền thực hiện thao tác này tại đây",
  "Forbidden: not allowed to perform this action here",
);
/** No token was sent (a refused token says why: TokenError of @orgboard/auth). */
export const UNAUTHORIZED_MESSAGE = bilingual("Chưa xác thực: chưa gửi mã truy cập (access token)", "Unauthorized: no access token");
