import { createTRPCUntypedClient, httpBatchLink } from "@trpc/client";

export interface EmitEvent {
  type: string;
  orgPath: string;
  aggregateId: string;
  payload?: unknown;
}

/** A site / bridge: writes events through the service's tRPC mutation (real HTTP, real transaction). */
export function emitter(trpcUrl: string, name: string, getToken: () => Promise<string>) {
  const client = createTRPCUntypedClient({
    links: [httpBatchLink({ url: trpcUrl, headers: async () => ({ authorization: `Bearer ${await getToken()}` }) })],
  });
  return async (events: EmitEvent[]): Promise<string[]> => {
    const r = (await client.mutation(`${name}.emit`, { events })) as { ids: string[] };
    return r.ids;
  };
}
