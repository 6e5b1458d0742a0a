// The seed's organizations and people as another service's seed needs them (inspection's and personnel's demo
// data are about the same people and organizations: docs/inspection.md, "Seed"). Derived from the same generator and seed
// as `seedDatabase`, so ids, names, paths and statuses are the ones membership's seeded database holds; a
// cell's people are generated only when asked for (a national dataset is 5.6 million people).
import { isoOf, MemberGenerator } from "./generate.js";
import { DEFAULT_AS_OF } from "./load.js";
import { buildOrgTree, type SeedScale } from "./orgs.js";
import type { Gender, MemberStatus, OrgKind, RemovalKind } from "../domain/enums.js";

export interface SubjectOrg {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  kind: OrgKind;
  closedOn: string | null;
  /** Active members of a cell (0 for committees). */
  activeMembers: number;
}

export interface SubjectMember {
  id: number;
  fullName: string;
  orgId: number;
  orgPath: string;
  status: MemberStatus;
  admittedOn: string;
  leftOn: string | null;
  removalKind: RemovalKind | null;
  /**
   * What personnel's seed needs to open a cadre file about the same person. (Not the national ID: the
   * generator numbers those by a counter over the whole run, which a cell generated alone does not replay.)
   */
  birthDate: string;
  gender: Gender;
  ethnicity: string;
}

export interface SeedSubjects {
  scale: SeedScale;
  seed: number;
  asOf: string;
  /** Every organization, parents before children (ids ascending). */
  orgs: readonly SubjectOrg[];
  /** The people on a cell's books (active and departed); [] for an organization without members. */
  members(org: SubjectOrg): SubjectMember[];
}

export function seedSubjects(scale: SeedScale, seed: number, asOf: string = DEFAULT_AS_OF): SeedSubjects {
  const tree = buildOrgTree(scale, seed);
  const gen = new MemberGenerator(tree, { seed, asOf });
  // Member ids are given in cell order (ids ascending) by the full pass: each cell's first id is the count
  // of the people before it, which peopleIn gives without generating them.
  const firstId = new Map<number, number>();
  let next = 1;
  for (const cell of tree.cellsByTop.flat().sort((a, b) => a.id - b.id)) {
    firstId.set(cell.id, next);
    next += gen.peopleIn(cell);
  }
  const byId = new Map(tree.orgs.map((o) => [o.id, o]));
  return {
    scale,
    seed,
    asOf,
    orgs: tree.orgs.map((o) => ({ id: o.id, parentId: o.parentId, path: o.path, name: o.name, kind: o.kind, closedOn: o.closedOn, activeMembers: o.members })),
    members(org) {
      const first = firstId.get(org.id);
      const seedOrg = byId.get(org.id);
      if (first === undefined || seedOrg === undefined) return [];
      return gen.cellFrom(seedOrg, first).members.map((m) => ({
        id: m.id,
        fullName: m.fullName,
        orgId: m.org.id,
        orgPath: m.org.path,
        status: m.status,
        admittedOn: isoOf(m.admittedOn),
        leftOn: m.leftOn === null ? null : isoOf(m.leftOn),
        removalKind: m.removalKind,
        birthDate: isoOf(m.birthDate),
        gender: m.gender,
        ethnicity: m.ethnicity,
      }));
    },
  };
}
