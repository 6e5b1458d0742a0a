// Upload progress for API calls: a request body larger than one chunk is sent as a stream, and the bar
// moves as the connection takes each chunk (tRPC hands fetch the whole JSON body as one string).
// A refused connection becomes ApiUnreachableError naming the URL and how to point at another.
import { ApiUnreachableError } from "../errors.js";

const CHUNK = 256 * 1024;

/** Which service a URL is, for the message when it cannot be reached. */
export interface ServiceName {
  service: string;
  /** The variable that points the CLI at it. */
  variable: string;
}

export function transferFetch(baseUrl: string, onUpload?: (sent: number, total: number) => void, name: ServiceName = { service: "membership", variable: "MEMBERSHIP_URL" }): typeof fetch {
  return async (input, init) => {
    let next = init;
    const body = init?.body;
    if (onUpload && typeof body === "string" && body.length > CHUNK) {
      const bytes = Buffer.from(body, "utf8");
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= bytes.length) {
            controller.close();
            return;
          }
          const end = Math.min(bytes.length, sent + CHUNK);
          controller.enqueue(bytes.subarray(sent, end));
          sent = end;
          onUpload(sent, bytes.length);
        },
      });
      next = { ...init, body: stream, duplex: "half" };
    }
    try {
      return await fetch(input, next);
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      throw new ApiUnreachableError(
        `không kết nối được dịch vụ ${name.service} tại ${baseUrl} / cannot reach the ${name.service} service at ${baseUrl}` +
          ` (${cause?.code ?? (e as Error).message}); hệ thống đang chạy chưa? dùng --api hoặc ${name.variable} / is it running? use --api or ${name.variable}`,
      );
    }
  };
}
