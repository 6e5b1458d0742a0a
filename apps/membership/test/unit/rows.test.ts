// db/rows.ts types raw-SQL rows by the Prisma models' field names in snake_case: true only while every
// column of those models is mapped to the snake_case of its field (the schema's @map convention). A
// column mapped otherwise would make a RowOf type name a column that does not exist.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { snakeCase } from "../../src/db/rows.js";

const schema = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");

/** field → column of a model's scalar fields (relations skipped: their type is another model or a list). */
function columnsOf(model: string): Map<string, string> {
  const body = new RegExp(`\\nmodel ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1];
  if (!body) throw new Error(`model ${model} not in schema.prisma`);
  const out = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^\s+(\w+)\s+(String|Int|BigInt|Boolean|DateTime|Json|Decimal|Float)\??\s*(.*)$/.exec(line);
    if (!m) continue;
    out.set(m[1]!, /@map\("([^"]+)"\)/.exec(m[3]!)?.[1] ?? m[1]!);
  }
  return out;
}

describe("raw-SQL row types follow the schema's column names", () => {
  it.each(["OrgYearStat", "OrgMemberTotal", "PartyOrganization", "Target", "Removal", "Member", "Transfer", "QualityRating", "MembershipPeriod", "BadgeAward"])("%s: every column is the snake_case of its field", (model) => {
    const columns = columnsOf(model);
    expect(columns.size).toBeGreaterThan(1);
    for (const [field, column] of columns) expect(column, `${model}.${field}`).toBe(snakeCase(field));
  });
  it("snakeCase", () => {
    expect(snakeCase("madeOfficial")).toBe("made_official");
    expect(snakeCase("memberNotCompleted")).toBe("member_not_completed");
    expect(snakeCase("year")).toBe("year");
  });
});
