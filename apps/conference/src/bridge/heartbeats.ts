// POST /bridge/heartbeats: the videoconference bridge reports every endpoint's link each beat.
// Authentication, either:
//  - `Authorization: Bearer <token>` of a service account (role `service`; action conference.bridge.heartbeat), or
//  - a Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 over
//    "id.timestamp.body", 5-minute tolerance), for bridges that sign webhooks instead of fetching tokens.
// Replaying a batch is harmless: a heartbeat not newer than the recorded one is ignored as stale.
import { authorize, TokenError, type TokenVerifier } from "@orgboard/auth";
import { bilingual, FORBIDDEN_MESSAGE, fieldErrorsFrom, UNAUTHORIZED_MESSAGE, type Logger } from "@orgboard/server-kit";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Webhook } from "standardwebhooks";
import { DomainError, type LinkThresholds } from "../domain/index.js";
import { applyHeartbeats } from "../app/links.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { BRIDGE_BODY_LIMIT_BYTES, ZHeartbeatBatch } from "./heartbeats.types.js";

export interface BridgeOptions {
  db: PrismaClient;
  verifier: TokenVerifier;
  links: LinkThresholds;
  now: () => Date;
  /** Standard Webhooks secret ("whsec_…"); absent ⇒ only service tokens are accepted. */
  webhookSecret?: string;
  /** Called after a batch committed (wakes event streams). */
  onCommitted?: () => void;
}

type Env = { Variables: { requestId: string; logger: Logger } };

function error(c: Context<Env>, status: 400 | 401 | 403 | 413, code: string, message: string, fieldErrors?: { path: string; message: string }[]) {
  // The same error shape as the tRPC endpoints, so one client-side handler reads both.
  return c.json({ error: { message, data: { code, httpStatus: status, requestId: c.get("requestId"), ...(fieldErrors ? { fieldErrors } : {}) } } }, status);
}

export function mountBridge(app: Hono, opts: BridgeOptions): void {
  const webhook = opts.webhookSecret ? new Webhook(opts.webhookSecret) : null;
  const routes = app as unknown as Hono<Env>;
  routes.post(
    "/bridge/heartbeats",
    bodyLimit({ maxSize: BRIDGE_BODY_LIMIT_BYTES, onError: (c) => error(c as Context<Env>, 413, "PAYLOAD_TOO_LARGE", bilingual("Nội dung yêu cầu quá lớn", "Request body too large")) }),
    async (c) => {
      const logger = c.get("logger");
      const raw = await c.req.text();
      let actor: string;
      const authHeader = c.req.header("authorization");
      if (authHeader !== undefined) {
        try {
          const principal = await opts.verifier.verifyAuthorizationHeader(authHeader);
          if (!authorize(principal, "conference.bridge.heartbeat")) return error(c, 403, "FORBIDDEN", FORBIDDEN_MESSAGE);
          actor = principal.clientId ?? principal.subject;
        } catch (err) {
          const reason = err instanceof TokenError ? err.reason : "malformed";
          logger.warn({ reason }, "bridge token refused");
          return error(c, 401, "UNAUTHORIZED", err instanceof TokenError ? err.message : bilingual("Chưa xác thực: mã truy cập không hợp lệ", "Unauthorized: bad access token"));
        }
      } else if (webhook && c.req.header("webhook-signature") !== undefined) {
        try {
          webhook.verify(raw, {
            "webhook-id": c.req.header("webhook-id") ?? "",
            "webhook-timestamp": c.req.header("webhook-timestamp") ?? "",
            "webhook-signature": c.req.header("webhook-signature") ?? "",
          });
        } catch (err) {
          logger.warn({ reason: (err as Error).message }, "bridge signature refused");
          return error(c, 401, "UNAUTHORIZED", bilingual("Chưa xác thực: chữ ký webhook không hợp lệ", `Unauthorized: ${(err as Error).message}`));
        }
        actor = "video-bridge (signed webhook)";
      } else {
        return error(c, 401, "UNAUTHORIZED", webhook ? bilingual("Chưa xác thực: gửi mã truy cập của dịch vụ hoặc webhook có chữ ký", "Unauthorized: send a service token or a signed webhook") : UNAUTHORIZED_MESSAGE);
      }

      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return error(c, 400, "BAD_REQUEST", bilingual("Dữ liệu không hợp lệ: nội dung không phải JSON", "Invalid input: the body is not JSON"), [{ path: "", message: bilingual("không phải JSON", "is not JSON") }]);
      }
      const parsed = ZHeartbeatBatch.safeParse(body);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsFrom(parsed.error) ?? [];
        const shown = fieldErrors.slice(0, 10).map((f) => `${f.path || "input"}: ${f.message}`).join("; ");
        return error(c, 400, "BAD_REQUEST", `Invalid input: ${shown}`, fieldErrors);
      }
      const items = parsed.data.heartbeats.map((h) => ({ siteId: h.siteId, at: new Date(h.at), quality: h.quality }));
      try {
        const result = await applyHeartbeats(opts.db, items, { now: opts.now(), thresholds: opts.links, actor, requestId: c.get("requestId") });
        if (result.stateChanges > 0) opts.onCommitted?.();
        return c.json(result);
      } catch (err) {
        if (err instanceof DomainError && err.code === "BAD_REQUEST") {
          // The domain names the field of one item; say which item.
          const index = items.findIndex((h) => h.at.getTime() - opts.now().getTime() > opts.links.maxFutureSkewMs);
          const path = index >= 0 ? `heartbeats.${index}.${err.field ?? ""}` : (err.field ?? "");
          return error(c, 400, "BAD_REQUEST", `Invalid input: ${path}: ${err.message}`, [{ path, message: err.message }]);
        }
        throw err;
      }
    },
  );
}
