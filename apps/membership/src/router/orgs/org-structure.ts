import { membershipContract } from "@orgboard/contract-membership";
import { ORG_KINDS, type OrgKind } from "../../domain/enums.js";
import { procedure } from "../procedure.js";
import { loadOrg } from "../records.js";
import { Params, inSubtrees } from "../sql.js";

const c = membershipContract.procedures;

/** Structure of a subtree: organizations open on a date by kind (the subtree's root included), and members now. */
export const orgStructureRoute = procedure("membership.organizations.read", { resource: "orgPath" })
  .input(c.orgs.structure.input)
  .output(c.orgs.structure.output)
  .query(async ({ ctx, input }) => {
    if (input.orgPath !== "/") await loadOrg(ctx.db, input.orgPath);
    const on = input.on ?? ctx.today();
    const p = new Params();
    const onParam = p.add(on);
    const { rows: orgs } = await ctx.db.query<{ kind: OrgKind; parent_kind: OrgKind | null; n: number }>(
      `SELECT o.kind, pa.kind AS parent_kind, count(*)::int AS n
         FROM party_organization o LEFT JOIN party_organization pa ON pa.id = o.parent_id
        WHERE ${inSubtrees("o.path", [input.orgPath], p)} AND o.opened_on <= ${onParam}::date AND (o.closed_on IS NULL OR o.closed_on > ${onParam}::date)
        GROUP BY o.kind, pa.kind`,
      p.values,
    );
    const mp = new Params();
    const { rows: members } = await ctx.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM member m WHERE ${inSubtrees("m.org_path", [input.orgPath], mp)} AND status IN ('official', 'probationary') GROUP BY status`,
      mp.values,
    );
    const count = (kind: OrgKind, parent?: OrgKind) => orgs.filter((r) => r.kind === kind && (parent === undefined || r.parent_kind === parent)).reduce((a, r) => a + r.n, 0);
    const byKind = Object.fromEntries(ORG_KINDS.map((k) => [k, count(k)])) as Record<OrgKind, number>;
    const official = members.find((r) => r.status === "official")?.n ?? 0;
    const probationary = members.find((r) => r.status === "probationary")?.n ?? 0;
    return {
      orgPath: input.orgPath,
      on,
      organizations: {
        total: orgs.reduce((a, r) => a + r.n, 0),
        byKind,
        grassroots: byKind.grassroots_committee + byKind.grassroots_cell,
        cellsUnderGrassrootsCommittees: count("subordinate_cell", "grassroots_committee"),
        cellsUnderPartialCommittees: count("subordinate_cell", "partial_committee"),
      },
      members: { official, probationary, total: official + probationary },
    };
  });
