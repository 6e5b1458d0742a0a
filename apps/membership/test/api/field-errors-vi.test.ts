// API field errors are Vietnamese first (issue #10): a zod issue on a membership procedure comes back
// in data.fieldErrors naming the field, "<Vietnamese> / <English>", and the error's message says the
// same, through the one error formatter of @orgboard/server-kit and the catalogue of @orgboard/messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Fixture, TREE } from "./fixtures.js";
import { CENTRAL, startHarness, type Harness } from "./harness.js";

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  await new Fixture(h.db).tree();
  token = await h.token(CENTRAL);
});
afterAll(async () => {
  await h?.close();
});

type Body = { error: { message: string; data: { fieldErrors: { path: string; message: string }[] } } };
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;

describe("API field errors", () => {
  it("a limit out of range on members.list: 400 naming `limit`, Vietnamese first", async () => {
    const input = encodeURIComponent(JSON.stringify({ orgPath: TREE.c1, limit: 0 }));
    const res = await fetch(`${h.url}/trpc/membership.members.list?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    const limit = body.error.data.fieldErrors.find((f) => f.path === "limit");
    expect(limit, JSON.stringify(body.error.data.fieldErrors)).toBeDefined();
    const [vi, en] = limit!.message.split(" / ");
    expect(vi).toMatch(VIETNAMESE);
    expect(en).toBeTruthy();
    expect(body.error.message).toMatch(/^Dữ liệu không hợp lệ \/ Invalid input: .*limit: /u);
  });

  it("a wrong type on a mutation: every field error Vietnamese first", async () => {
    const res = await fetch(`${h.url}/trpc/membership.members.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ orgPath: TREE.c1, fullName: 42, birthDate: "1990-13-01", gender: "other" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.error.data.fieldErrors.map((f) => f.path)).toContain("fullName");
    for (const f of body.error.data.fieldErrors) expect(f.message.split(" / ")[0], `${f.path}: ${f.message}`).toMatch(VIETNAMESE);
  });
});
