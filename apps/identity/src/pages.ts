// Plain server-rendered pages (Vietnamese UI). Everything interpolated goes through `esc`.
import type { ServerResponse } from "node:http";

export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `body{font-family:system-ui,sans-serif;background:#f4f1ea;margin:0;color:#222}
main{max-width:30rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;color:#b00000;margin-top:0}button,.button{display:block;width:100%;padding:.7rem;margin:.5rem 0;
border:0;border-radius:4px;background:#b00000;color:#fff;font-size:1rem;cursor:pointer;text-align:center;text-decoration:none}
button.secondary{background:#777}input{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box}
.error{background:#fde8e8;border-left:4px solid #b00000;padding:.8rem}small{color:#666}
ul.citizens{list-style:none;padding:0}ul.citizens li{margin:.3rem 0}`;

export function page(title: string, body: string, opts: { autoSubmit?: string } = {}): string {
  // The only script is the auto-submit of a form, identified by id; everything still works without it.
  const script = opts.autoSubmit
    ? `<script>document.getElementById(${JSON.stringify(opts.autoSubmit)}).requestSubmit()</script>`
    : "";
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${style}</style></head><body><main><h1>${esc(title)}</h1>${body}</main>${script}</body></html>`;
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...headers,
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "cache-control": "no-store" });
  res.end();
}
