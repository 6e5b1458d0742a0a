// #9 findings 1 and 5, as an attacker with a provincial account would try them: no national membership
// oracle (one neutral refusal, audited at "/", rate-limited and flagged to the central board), and
// "outside your scope" answered exactly like "does not exist" (same status, same message, naming nothing).
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { FOREIGN_CLASH_REASON, NATIONAL_ID_REFUSALS, NATIONAL_ID_UNAVAILABLE_MESSAGE } from "../../src/router/members/national-id.js";
import { TREE } from "./fixtures.js";
import { board, expectNoWrites, treeSuite, NEUTRAL_NOT_FOUND, type Client } from "./harness.js";
import type { MintOptions } from "@orgboard/auth/testing";

const suite = treeSuite();
const { hanoi } = suite;

/** A Hà Nội board account of its own (the refusal counter is per principal). */
const hanoiAccount = (sub: string): MintOptions => ({ ...board(TREE.p1), sub });

async function answer(call: Promise<unknown>): Promise<{ code: string; message: string; httpStatus: number }> {
  try {
    await call;
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    const data = err.data as { code: string; httpStatus: number };
    return { code: data.code, message: err.message, httpStatus: data.httpStatus };
  }
  throw new Error("the call succeeded");
}

async function nationalIdOf(table: "member" | "admission_candidate", id: number): Promise<{ nationalId: string; birthDate: string; gender: "male" | "female" }> {
  const { rows } = await suite.h.db.query<{ national_id: string; birth_date: string; gender: "male" | "female" }>(
    `SELECT national_id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender FROM ${table} WHERE id = $1`,
    [id],
  );
  return { nationalId: rows[0]!.national_id, birthDate: rows[0]!.birth_date, gender: rows[0]!.gender };
}

const memberInput = (p: { nationalId: string; birthDate: string; gender: "male" | "female" }) => ({
  orgPath: TREE.c1,
  fullName: "Phạm Văn Dò",
  ethnicity: "Kinh",
  status: "official" as const,
  admittedOn: "2010-05-19",
  officialOn: "2011-05-19",
  ...p,
});

const candidateInput = (p: { nationalId: string; birthDate: string; gender: "male" | "female" }) => ({
  orgPath: TREE.c1,
  fullName: "Phạm Thị Dò",
  ethnicity: "Kinh",
  courseCompletedOn: "2026-05-20",
  courseCertificateNo: "GCN-1",
  ...p,
});

/** Another valid ID for the same birth year and gender (the serial digits changed). */
function nationalIdOfSameShape(id: string): string {
  return `${id.slice(0, 6)}${String((Number(id.slice(6)) + 1) % 1_000_000).padStart(6, "0")}`;
}

async function refusals(actor: string, entity: string): Promise<{ org_path: string; after: { nationalIds?: string[] } }[]> {
  const { rows } = await suite.h.db.query<{ org_path: string; after: { nationalIds?: string[] } }>(
    `SELECT org_path, after FROM audit_record WHERE actor = $1 AND entity = $2 ORDER BY id`,
    [actor, entity],
  );
  return rows;
}

describe("#9 finding 1: no national membership oracle", () => {
  it("members.create with another province's member or candidate: one neutral refusal, naming no id; audited at / only", async () => {
    const sub = "board-hanoi-oracle-1";
    const client = suite.h.client(hanoiAccount(sub));
    const foreignMember = await nationalIdOf("member", await suite.fx.member(TREE.c3, { birthDate: "1975-01-02" }));
    const foreignCandidate = await nationalIdOf("admission_candidate", await suite.fx.candidate(TREE.c3, { birthDate: "1998-03-04", gender: "male" }));
    const a = await answer(client.membership.members.create.mutate(memberInput(foreignMember)));
    const b = await answer(client.membership.members.create.mutate({ ...memberInput(foreignCandidate), admittedOn: "2020-01-01", officialOn: "2021-01-01" }));
    expect(a).toEqual({ code: "CONFLICT", httpStatus: 409, message: `nationalId: ${NATIONAL_ID_UNAVAILABLE_MESSAGE} [national_id_unavailable]` });
    expect(b).toEqual(a); // member or candidate: the same answer
    for (const m of [a.message, b.message]) expect(m).not.toMatch(/\bid \d|\/02\/|member|candidate/i);
    const audited = await refusals(sub, "NationalIdRefusal");
    expect(audited.map((r) => r.org_path)).toEqual(["/", "/"]);
    expect(audited[0]!.after.nationalIds).toEqual([foreignMember.nationalId]);
    // Nothing of the refused write itself is left, and nothing is audited where a province could read it.
    const { rows } = await suite.h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_record WHERE actor = $1 AND org_path <> '/'`, [sub]);
    expect(rows[0]!.n).toBe(0);
  });

  it("admissions.registerCandidate with another province's member: the same neutral refusal, audited", async () => {
    const sub = "board-hanoi-oracle-2";
    const foreign = await nationalIdOf("member", await suite.fx.member(TREE.c3, { birthDate: "1999-06-07", gender: "female" }));
    const r = await answer(suite.h.client(hanoiAccount(sub)).membership.admissions.registerCandidate.mutate(candidateInput(foreign)));
    expect(r).toEqual({ code: "CONFLICT", httpStatus: 409, message: `nationalId: ${NATIONAL_ID_UNAVAILABLE_MESSAGE} [national_id_unavailable]` });
    expect(await refusals(sub, "NationalIdRefusal")).toHaveLength(1);
  });

  it("a clash inside the caller's own scope is still named (the caller can read that record)", async () => {
    const own = await nationalIdOf("member", await suite.fx.member(TREE.c2, { birthDate: "1970-08-09" }));
    const r = await answer(hanoi().membership.members.create.mutate(memberInput(own)));
    expect(r.code).toBe("CONFLICT");
    expect(r.message).toMatch(/already exists \(id \d+\)/);
  });

  it("a refused members import lists nothing about foreign records and is audited (where it was tried, and at /)", async () => {
    const sub = "board-hanoi-importer";
    const foreign = await nationalIdOf("member", await suite.fx.member(TREE.c3, { birthDate: "1985-03-12" }));
    const dmy = (iso: string) => iso.split("-").reverse().join("/");
    const file = [
      "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số định danh cá nhân,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức",
      `Tô Văn Hải,${dmy(foreign.birthDate)},Nam,Kinh,${foreign.nationalId},01-C1,Chính thức,19/05/2010,19/05/2011`,
      // A foreign cell's code: answered like a code that does not exist.
      `Tô Văn Hà,${dmy(foreign.birthDate)},Nam,Kinh,${nationalIdOfSameShape(foreign.nationalId)},02-C3,Chính thức,19/05/2010,19/05/2011`,
    ].join("\n");
    const result = await suite.h.client(hanoiAccount(sub)).membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: Buffer.from(file).toString("base64") });
    expect(result.ok).toBe(false);
    const rejected = (result as { rejected: { row: number; column: string; reason: string }[] }).rejected;
    expect(rejected).toContainEqual({ row: 0, column: "nationalId", reason: FOREIGN_CLASH_REASON });
    expect(rejected).toContainEqual({ row: 3, column: "orgCode", reason: 'no organization has the code "02-C3" in your scope' });
    const text = JSON.stringify(rejected);
    expect(text).not.toContain(foreign.nationalId);
    expect(text).not.toMatch(/\/02\/|closed|founded|id \d/);
    expect((await refusals(sub, "Import")).map((r) => r.org_path)).toEqual([TREE.p1]);
    expect((await refusals(sub, "NationalIdRefusal")).map((r) => r.org_path)).toEqual(["/"]);
  });

  it(`after ${NATIONAL_ID_REFUSALS.max} refusals a principal is stopped (429, whatever the ID) and flagged at / for the central board`, async () => {
    const sub = "board-hanoi-prober";
    const client: Client = suite.h.client(hanoiAccount(sub));
    for (let i = 0; i < NATIONAL_ID_REFUSALS.max; i++) {
      const foreign = await nationalIdOf("member", await suite.fx.member(TREE.c3, { birthDate: `196${i}-01-01` }));
      expect((await answer(client.membership.members.create.mutate(memberInput(foreign)))).code).toBe("CONFLICT");
    }
    const flags = await refusals(sub, "NationalIdProbing");
    expect(flags.map((f) => f.org_path)).toEqual(["/"]);
    // A fresh, unused ID is refused too: the limit tells nothing about the ID.
    const unused = { nationalId: "001080000001", birthDate: "1980-05-17", gender: "male" as const };
    await expectNoWrites(suite.h, () => client.membership.members.create.mutate(memberInput(unused)), "TOO_MANY_REQUESTS");
    // Another account is not affected.
    const other = await answer(suite.h.client(hanoiAccount("board-hanoi-bystander")).membership.members.create.mutate({ ...memberInput(unused), nationalId: "bad" }));
    expect(other.code).toBe("BAD_REQUEST");
  });
});

describe("#9 finding 5: outside the scope = does not exist", () => {
  it("orgs: a foreign path that exists, one that does not, and an own one that does not get one answer", async () => {
    const get = (orgPath: string) => answer(hanoi().membership.orgs.get.query({ orgPath }));
    const [foreign, foreignMissing, ownMissing] = await Promise.all([get(TREE.g2), get("/02/nope/"), get("/01/nope/")]);
    expect(foreign).toEqual(ownMissing);
    expect(foreignMissing).toEqual(ownMissing);
    expect(ownMissing.code).toBe("NOT_FOUND");
    expect(ownMissing.message).toMatch(NEUTRAL_NOT_FOUND);
    // The same for a write under a foreign parent, and for a foreign list.
    const create = (parentPath: string) => answer(hanoi().membership.orgs.create.mutate({ parentPath, code: `X-${parentPath.length}`, name: "X", kind: "subordinate_cell", openedOn: "2020-01-01" }));
    expect(await create(TREE.g2)).toEqual(await create("/01/nope/"));
    expect(await answer(hanoi().membership.members.list.query({ orgPath: TREE.p2 }))).toEqual(ownMissing);
  });

  it("members: a foreign id and an id that does not exist get one answer (get, history, update)", async () => {
    const foreign = await suite.fx.member(TREE.c3);
    const missing = 99_999_999;
    const client = hanoi();
    for (const call of [
      (id: number) => client.membership.members.get.query({ id }),
      (id: number) => client.membership.members.history.query({ id }),
      (id: number) => client.membership.members.update.mutate({ id, occupation: "x" }),
    ]) {
      const [a, b] = [await answer(call(foreign)), await answer(call(missing))];
      expect(a).toEqual(b);
      expect(a.code).toBe("NOT_FOUND");
      expect(a.message).toMatch(NEUTRAL_NOT_FOUND);
      expect(a.message).not.toContain(String(foreign));
    }
  });
});
