import type { IncomingMessage } from "node:http";

const FORM_LIMIT = 16 * 1024;

/** Reads a small url-encoded form body; larger bodies are refused rather than buffered. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > FORM_LIMIT) throw new Error("request body too large");
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function maskNationalId(id: string): string {
  return id.length > 4 ? `${"*".repeat(id.length - 4)}${id.slice(-4)}` : "****";
}
