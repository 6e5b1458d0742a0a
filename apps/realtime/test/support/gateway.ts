import { createTokenVerifier } from "@orgboard/auth";
import type { TestIssuer } from "@orgboard/auth/testing";
import type { EventEnvelope } from "@orgboard/contracts";
import { createGateway, type Gateway } from "../../src/gateway.js";

export async function startMemoryGateway(issuer: TestIssuer, opts: { maxDisconnectionMs?: number } = {}): Promise<{ gateway: Gateway; url: string }> {
  const maxDisconnectionMs = opts.maxDisconnectionMs ?? 120_000;
  const gateway = createGateway({
    verifier: createTokenVerifier(issuer.verifierOptions("realtime")),
    adapter: { kind: "memory" },
    maxDisconnectionMs,
  });
  const { url } = await gateway.listen(0, "127.0.0.1");
  return { gateway, url };
}

let n = 0;
export function envelope(orgPath: string, over: Partial<EventEnvelope> = {}): EventEnvelope {
  n += 1;
  return {
    id: String(n),
    type: "conference.site.linkChanged",
    orgPath,
    aggregateId: `site-${n}`,
    occurredAt: new Date().toISOString(),
    payload: { n },
    ...over,
  };
}
