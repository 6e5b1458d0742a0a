// Key rotation and tampering against the real database: rotation re-seals every old row with the first
// key (audited, repeatable), a row altered in the database never opens (neither for the assigned inspector
// nor for rotation), and a sealed value copied onto another petition does not open there.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotatePetitionerKeys, ROTATE_ACTION } from "../../src/app/rotate-keys.js";
import { newDenouncerKeyEntry, openDenouncer, parseDenouncerKeys } from "../../src/crypto/denouncer.js";
import { failure, INSPECTOR_HN, startHarness, TREE, type Harness } from "./harness.js";

const OLD = newDenouncerKeyEntry("old");
const NEW = newDenouncerKeyEntry("new");
let h: Harness;
beforeAll(async () => {
  // The service runs with both keys, the old one first (before the rotation starts) …
  h = await startHarness({ denouncerKeys: parseDenouncerKeys(`${OLD},${NEW}`) });
});
afterAll(() => h?.close());

const ASSIGNED: MintOptions = { sub: "insp-hn-a", roles: ["inspection_committee"], orgPaths: [TREE.p1] };
type Petitioner = { name: string; nationalId: string | null; address: string | null; contact: string | null };
const people: Petitioner[] = [
  { name: "Ngô Văn Khoa", nationalId: "001075000111", address: "Hà Đông", contact: null },
  { name: "Bùi Thị Lan", nationalId: null, address: null, contact: "0901 000 222" },
  { name: "Đinh Văn Minh", nationalId: "001066000333", address: null, contact: null },
];

async function receive(petitioner: Petitioner | null) {
  const p = await h.client(INSPECTOR_HN).inspection.petitions.receive.mutate({
    kind: "denunciation",
    subject: { kind: "member", memberId: h.members.hn2 },
    receivedOn: "2026-09-01",
    content: "Tố cáo.",
    anonymous: petitioner === null,
    handlerOrgPath: TREE.p1,
    level: "provincial",
    petitioner,
  });
  if (petitioner) await h.client(INSPECTOR_HN).inspection.petitions.assign.mutate({ petitionId: p.id, inspectors: [{ userId: ASSIGNED.sub!, name: "Hoàng Văn Em" }] });
  return p.id;
}

const sealedOf = async (id: string) =>
  (await h.db.prisma.$queryRawUnsafe<{ petitioner_sealed: string; petitioner_key_id: string }[]>(`SELECT petitioner_sealed, petitioner_key_id FROM petition WHERE id = $1::uuid`, id))[0]!;

describe("rotation", () => {
  const ids: string[] = [];
  beforeAll(async () => {
    for (const p of people) ids.push(await receive(p));
    await receive(null);
  });

  it("re-seals every row of the old key with the new first key; after it the new key alone opens them; a second run does nothing", async () => {
    for (const id of ids) expect((await sealedOf(id)).petitioner_key_id).toBe("old");
    const ring = parseDenouncerKeys(`${NEW},${OLD}`);
    const first = await rotatePetitionerKeys(h.db.prisma, ring, { actor: "operator:test", batchSize: 2 });
    expect(first).toEqual({ resealed: 3, byKeyId: { new: 3 }, failures: [] });
    const onlyNew = parseDenouncerKeys(NEW);
    for (const [i, id] of ids.entries()) {
      const row = await sealedOf(id);
      expect(row.petitioner_key_id).toBe("new");
      expect(row.petitioner_sealed.startsWith("v1.new.")).toBe(true);
      expect(openDenouncer(onlyNew, id, row.petitioner_sealed)).toEqual(people[i]);
    }
    // two batches of at most 2: two audit records, counts and ids only
    const audits = await h.db.prisma.$queryRawUnsafe<{ actor: string; after: { resealed: number; toKeyId: string; fromKeyIds: string[] } }[]>(`SELECT actor, after FROM audit_record WHERE action = $1 ORDER BY id`, ROTATE_ACTION);
    expect(audits.map((a) => [a.actor, a.after.resealed, a.after.toKeyId, a.after.fromKeyIds])).toEqual([
      ["operator:test", 2, "new", ["old"]],
      ["operator:test", 1, "new", ["old"]],
    ]);
    expect(JSON.stringify(audits)).not.toContain("Khoa");
    expect(await rotatePetitionerKeys(h.db.prisma, ring, { actor: "operator:test" })).toEqual({ resealed: 0, byKeyId: { new: 3 }, failures: [] });
    // the running service (both keys) still shows the assigned inspector the identity
    expect((await h.client(ASSIGNED).inspection.petitions.get.query({ petitionId: ids[0]! })).petitioner).toEqual({ visibility: "shown", identity: people[0] });
  });
});

describe("tampering in the database", () => {
  it("an altered ciphertext opens for nobody: the assigned inspector gets an error, never a wrong identity; rotation reports it and leaves it", async () => {
    const id = await receive({ name: "Trịnh Văn Nam", nationalId: null, address: null, contact: null });
    const row = await sealedOf(id);
    const parts = row.petitioner_sealed.split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0] = ct[0]! ^ 0x01;
    parts[3] = ct.toString("base64url");
    const altered = parts.join(".");
    await h.db.prisma.$executeRawUnsafe(`UPDATE petition SET petitioner_sealed = $1 WHERE id = $2::uuid`, altered, id);
    const f = await failure(h.client(ASSIGNED).inspection.petitions.get.query({ petitionId: id }));
    expect(f.code).toBe("INTERNAL_SERVER_ERROR");
    // the answer says nothing (a request id for the operators); the attempt is audited
    expect(f.message).toMatch(/^Internal server error \(request id /);
    const [audit] = await h.db.prisma.$queryRawUnsafe<{ actor: string; after: Record<string, unknown> }[]>(`SELECT actor, after FROM audit_record WHERE entity_id = $1 AND action = 'inspection.petitions.read' ORDER BY id DESC LIMIT 1`, id);
    expect(audit).toEqual({ actor: ASSIGNED.sub, after: { read: "get", petitionerShown: false, petitionerUnopenable: true } });
    const result = await rotatePetitionerKeys(h.db.prisma, parseDenouncerKeys(`${NEW},${OLD}`), { actor: "operator:test" });
    expect(result.failures).toEqual([{ petitionId: id, reason: "tampered" }]);
    expect((await sealedOf(id)).petitioner_sealed).toBe(altered);
    // others in scope still read "protected" (nothing is opened for them)
    expect((await h.client(INSPECTOR_HN).inspection.petitions.get.query({ petitionId: id })).petitioner).toEqual({ visibility: "protected" });
  });

  it("a sealed value copied onto another petition does not open there", async () => {
    const a = await receive({ name: "Lê Thị Oanh", nationalId: null, address: null, contact: null });
    const b = await receive({ name: "Phan Văn Phúc", nationalId: null, address: null, contact: null });
    const fromA = await sealedOf(a);
    await h.db.prisma.$executeRawUnsafe(`UPDATE petition SET petitioner_sealed = $1, petitioner_key_id = $2 WHERE id = $3::uuid`, fromA.petitioner_sealed, fromA.petitioner_key_id, b);
    expect((await failure(h.client(ASSIGNED).inspection.petitions.get.query({ petitionId: b }))).code).toBe("INTERNAL_SERVER_ERROR");
    expect((await h.client(ASSIGNED).inspection.petitions.get.query({ petitionId: a })).petitioner).toEqual({ visibility: "shown", identity: { name: "Lê Thị Oanh", nationalId: null, address: null, contact: null } });
  });
});
