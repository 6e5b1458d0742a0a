import type { IncomingMessage } from "node:http";

/** Reads a small body whole; a larger one is refused rather than buffered (oidc-provider's own limit is 56 KiB). */
export async function readBody(req: IncomingMessage, limit = 56 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a small url-encoded form (the login pages' forms). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req, 16 * 1024));
}

export function maskNationalId(id: string): string {
  return id.length > 4 ? `${"*".repeat(id.length - 4)}${id.slice(-4)}` : "****";
}
