// The official's access token for API calls: ORGBOARD_TOKEN (automation: an access token as is, never
// refreshed), else the stored login of the issuer, refreshed when it has expired (and saved again, as
// refresh tokens rotate). No token → AuthError("login"): exit 3 with the hint to run `orgboard login`.
import { CredentialStore } from "./credentials.js";
import { AuthError, defaultIssuer, normalizeIssuer, refresh } from "./oidc.js";

export interface SessionOptions {
  /** --issuer; else ORGBOARD_ISSUER; else the last login's issuer; else the local default. */
  issuer?: string;
  store?: CredentialStore;
  env?: NodeJS.ProcessEnv;
}

export function resolveIssuer(opts: SessionOptions, store: CredentialStore): string {
  const env = opts.env ?? process.env;
  const given = opts.issuer ?? env.ORGBOARD_ISSUER;
  if (given) return normalizeIssuer(given);
  return store.current() ?? defaultIssuer(env);
}

export const LOGIN_HINT = "chạy / run: orgboard login";

/** A token getter for the API client; one refresh at a time (refresh tokens rotate). */
export function officialToken(opts: SessionOptions = {}): () => Promise<string> {
  const env = opts.env ?? process.env;
  if (env.ORGBOARD_TOKEN) {
    const token = env.ORGBOARD_TOKEN.trim();
    return () => Promise.resolve(token);
  }
  const store = opts.store ?? new CredentialStore();
  const issuer = resolveIssuer(opts, store);
  let pending: Promise<string> | null = null;
  const get = async (): Promise<string> => {
    const login = store.get(issuer);
    if (!login) throw new AuthError(`chưa đăng nhập vào / not logged in to ${issuer}; ${LOGIN_HINT}`, "login");
    if (login.expiresAt - Date.now() > 15_000) return login.accessToken;
    try {
      const next = await refresh(login);
      store.put(issuer, next, false);
      return next.accessToken;
    } catch (e) {
      if (e instanceof AuthError && e.kind === "login") {
        store.delete(issuer);
        throw new AuthError(`${e.message}; ${LOGIN_HINT}`, "login");
      }
      throw e;
    }
  };
  return () => (pending ??= get().finally(() => (pending = null)));
}
