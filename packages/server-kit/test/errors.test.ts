import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { badRequest, describeFieldErrors, fieldErrorsFrom, formatError } from "../src/index.js";

const shape = (code: "BAD_REQUEST" | "INTERNAL_SERVER_ERROR" | "NOT_FOUND", httpStatus: number) => ({
  message: "original",
  code: -32600,
  data: { code, httpStatus, path: "membership.x", stack: "Error: at secret.ts:1" },
});

describe("formatError", () => {
  it("turns zod issues into fieldErrors and a message naming each field", () => {
    const r = z.object({ members: z.array(z.object({ nationalId: z.string() })), name: z.string() }).safeParse({ members: [{}] });
    const error = new TRPCError({ code: "BAD_REQUEST", cause: r.error });
    const out = formatError({ shape: shape("BAD_REQUEST", 400), error, ctx: { requestId: "r1" } });
    expect(out.data.fieldErrors?.map((f) => f.path)).toEqual(["members.0.nationalId", "name"]);
    expect(out.message).toMatch(/^Dữ liệu không hợp lệ \/ Invalid input: members\.0\.nationalId: .+; name: .+/);
    // Vietnamese first, naming what was expected.
    expect(out.data.fieldErrors?.[0]?.message).toBe("Đầu vào không hợp lệ: mong đợi string (chưa có giá trị) / Invalid input: expected string, received undefined");
    expect(out.data).not.toHaveProperty("stack");
    expect(out.data.requestId).toBe("r1");
  });
  it("understands Standard Schema path segments ({ key })", () => {
    expect(fieldErrorsFrom({ issues: [{ path: [{ key: "a" }, 0, "b"], message: "bad" }] })).toEqual([{ path: "a.0.b", message: "bad" }]);
    expect(fieldErrorsFrom(new Error("x"))).toBeNull();
  });
  it("hides the message of internal errors", () => {
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "connection to 10.0.0.5 refused", cause: new Error("boom") });
    const out = formatError({ shape: { ...shape("INTERNAL_SERVER_ERROR", 500), message: error.message }, error, ctx: { requestId: "r2" } });
    expect(out.message).toBe("Internal server error (request id r2)");
    expect(JSON.stringify(out)).not.toContain("10.0.0.5");
  });
  it("keeps deliberate messages of other codes", () => {
    const error = new TRPCError({ code: "NOT_FOUND", message: "member not found" });
    const out = formatError({ shape: { ...shape("NOT_FOUND", 404), message: error.message }, error, ctx: undefined });
    expect(out.message).toBe("member not found");
  });
  it("badRequest() names a field like input validation does", () => {
    const e = badRequest("members.2.birthDate", "must be before the admission date");
    expect(fieldErrorsFrom(e.cause)).toEqual([{ path: "members.2.birthDate", message: "must be before the admission date" }]);
    expect(describeFieldErrors(fieldErrorsFrom(e.cause)!)).toBe("Dữ liệu không hợp lệ / Invalid input: members.2.birthDate: must be before the admission date");
  });
});
