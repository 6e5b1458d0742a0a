import { personnelContract } from "@orgboard/contract-personnel";
import { ROOT_ORG_PATH } from "@orgboard/contracts";
import { FORBIDDEN_MESSAGE } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { procedure } from "../procedure.js";

const c = personnelContract.procedures.restructuring.posts;

/** "Bí thư …" / "Phó Bí thư …" (any committee's, with its name after), case and spacing ignored. */
const titleKind = (title: string): "secretary" | "deputySecretary" | null => {
  const t = title.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
  if (t.startsWith("phó bí thư")) return "deputySecretary";
  if (t.startsWith("bí thư")) return "secretary";
  return null;
};

/**
 * The party committees' leadership posts (secretary, deputy secretaries) per path in the asked subtrees, for the year:
 * what restructuring's preview counts as surplus when committees close (docs/restructuring.md). Counts only:
 * no cadre, no file. Restructuring's service account with scope "/" only (it asks for any province).
 */
export const restructuringPostsRoute = procedure("personnel.restructuring.posts")
  .input(c.input)
  .output(c.output)
  .query(async ({ ctx, input }) => {
    if (!ctx.can({ orgPath: ROOT_ORG_PATH })) throw new TRPCError({ code: "FORBIDDEN", message: FORBIDDEN_MESSAGE });
    const rows = await ctx.db.post.findMany({
      where: { OR: [...new Set(input.under)].map((p) => ({ orgPath: { startsWith: p } })), body: "party", kind: "leadership", termStartYear: { lte: input.year }, termEndYear: { gte: input.year } },
      select: { orgPath: true, title: true },
    });
    const out = new Map<string, { orgPath: string; secretary: number; deputySecretary: number }>();
    for (const r of rows) {
      const kind = titleKind(r.title);
      if (kind === null) continue;
      const row = out.get(r.orgPath) ?? { orgPath: r.orgPath, secretary: 0, deputySecretary: 0 };
      row[kind]++;
      out.set(r.orgPath, row);
    }
    return { posts: [...out.values()].sort((a, b) => (a.orgPath < b.orgPath ? -1 : 1)) };
  });
