// docs/configuration.md and .env.example list every variable this service reads, and its old names.
import { readFileSync } from "node:fs";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { describe, expect, it } from "vitest";
import { membershipConfigSchema, membershipRenamed } from "../../src/config.js";

const doc = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");

describe("configuration docs", () => {
  it("docs/configuration.md and .env.example list every variable membership reads", () => {
    const documented = documentedVariables(doc);
    for (const name of configVariables(membershipConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("M");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });
  it("docs/configuration.md names every renamed variable", () => {
    for (const [old, to] of Object.entries(membershipRenamed)) expect(doc).toMatch(new RegExp(`\\| \`${old}\` \\| \`${to}\``));
  });
});
