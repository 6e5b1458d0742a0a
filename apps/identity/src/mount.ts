// What the two issuers share: being mounted under a path prefix of one node:http server.
import type { IncomingMessage, ServerResponse } from "node:http";
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

export function renderErrorPage(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): void {
  ctx.type = "html";
  ctx.body = page("Không thể đăng nhập", `<p class="error"><strong>${esc(out.error)}</strong><br>${esc(out.error_description ?? "")}</p>`);
}
