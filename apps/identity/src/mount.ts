// What the two issuers share: being mounted under a path prefix of one node:http server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors } from "oidc-provider";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import { esc, page } from "./pages.js";

export interface Mounted {
  prefix: string;
  /** Handles the request if its path is under `prefix`; resolves false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
}

export function mountProvider(provider: Provider, prefix: string) {
  const callback = provider.callback();
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    // oidc-provider derives its mount path from originalUrl minus url (as under Express).
    req.originalUrl = req.url;
    req.url = req.url!.slice(prefix.length) || "/";
    return callback(req, res);
  };
}

/**
 * The logout page (oidc-provider's logoutSource). It submits itself only when the request carried an
 * id_token_hint of the signed-in account (oidc-provider checked its signature and audience before this
 * runs); otherwise, a link from anywhere could sign the official out (logout CSRF), so it asks, Vietnamese
 * first, and only the button ends the session.
 */
export function renderLogout(ctx: KoaContextWithOIDC, form: string, title: string): void {
  const hint = (ctx.oidc.entities as { IdTokenHint?: { payload?: { sub?: unknown } } }).IdTokenHint;
  const accountId = ctx.oidc.session?.accountId;
  const hinted = accountId !== undefined && hint?.payload?.sub === accountId;
  const confirmed = form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>');
  const button = '<button type="submit" form="op.logoutForm">Đăng xuất / Log out</button>';
  ctx.type = "html";
  ctx.body = hinted
    ? page(title, `${confirmed}<p>Đang đăng xuất… / Logging out…</p>${button}`, { autoSubmit: "op.logoutForm" })
    : page(
        title,
        `${confirmed}<p>Bạn có muốn đăng xuất không?<br><small>Do you want to log out?</small></p>${button}
<p><small>Nếu bạn không yêu cầu đăng xuất, hãy đóng trang này. / If you did not ask to log out, close this page.</small></p>`,
      );
}

export function renderErrorPage(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): void {
  ctx.type = "html";
  ctx.body = page("Không thể đăng nhập", `<p class="error"><strong>${esc(out.error)}</strong><br>${esc(out.error_description ?? "")}</p>`);
}

/**
 * Each login interaction lives at its own URL (`<base><uid>/…`) and oidc-provider scopes its interaction
 * cookie to that path, so logins started at once in two tabs of one browser do not overwrite each other's.
 * Returns the uid and the rest of the path, or undefined when `pathname` is not under `base`.
 */
export function interactionRoute(base: string, pathname: string): { uid: string; rest: string } | undefined {
  if (!pathname.startsWith(base)) return undefined;
  const [uid = "", ...rest] = pathname.slice(base.length).split("/");
  return uid ? { uid, rest: rest.join("/") } : undefined;
}

/** The interaction the browser's cookie names, which must be the one in the URL. */
export async function interactionAt(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new errors.SessionNotFound("interaction cookie does not match the interaction in the URL");
  return details;
}

/**
 * Where to send the browser to start interaction `uid`'s login over, when oidc-provider refuses it because the
 * SSO session it began on has ended since (a logout in another tab while this tab was sent to log in again);
 * Keycloak restarts the login then. Only for the browser holding that interaction's cookie; undefined otherwise.
 */
export async function restartUrl(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string, authorizationEndpoint: string): Promise<string | undefined> {
  const ctx = provider.createContext(req, res);
  if (ctx.cookies.get(provider.cookieName("interaction"), { signed: true }) !== uid) return undefined;
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) return undefined;
  await interaction.destroy();
  const url = new URL(authorizationEndpoint);
  for (const [k, v] of Object.entries(interaction.params)) if (typeof v === "string") url.searchParams.set(k, v);
  return url.href;
}
