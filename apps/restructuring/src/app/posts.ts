// Where the committee posts the preview counts as surplus come from (docs/restructuring.md "Surplus posts"):
// personnel's real posts (`personnel.restructuring.posts`, contract-personnel 1.5, with the service's
// client-credentials token) when PERSONNEL_URL is set; otherwise the domain's DEFAULT_POSTS stand-in, and the
// preview says which (`surplusPostsSource`).
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { createServiceLinks } from "@orgboard/contracts";
import { createTRPCClient } from "@trpc/client";
import type { SurplusPosts } from "../domain/index.js";
import { trpcUrl } from "./rekeys.js";

export interface PostsSource {
  /** secretary / deputy secretary posts held in `year` per organization path under the given subtrees; paths without any absent */
  load(under: readonly string[], year: number): Promise<Map<string, SurplusPosts>>;
}

/** The most subtrees personnel takes in one request. */
const CHUNK = 100;

export function personnelPosts(opts: { url: string; getToken: () => Promise<string> }): PostsSource {
  const c = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: trpcUrl(opts.url) }, opts.getToken)] });
  return {
    async load(under, year) {
      const out = new Map<string, SurplusPosts>();
      for (let i = 0; i < under.length; i += CHUNK) {
        const { posts } = await c.personnel.restructuring.posts.query({ under: under.slice(i, i + CHUNK), year });
        for (const p of posts) out.set(p.orgPath, { secretary: p.secretary, deputySecretary: p.deputySecretary });
      }
      return out;
    },
  };
}
