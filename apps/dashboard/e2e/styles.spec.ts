import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DASHBOARD_DIR } from "./stack.js";
import { expect, test } from "./fixtures.js";

// src/mantine-styles.ts imports Mantine's stylesheets one component at a time; a component whose file is
// missing renders unstyled without any build error. Every Mantine class the built code can put on an element
// (`m_` + 8 hex digits) must therefore have its rules in the built stylesheets.
test("every Mantine class in the built dashboard has its styles", () => {
  const assets = join(DASHBOARD_DIR, "dist", "assets");
  const files = readdirSync(assets);
  const read = (ext: string) => files.filter((f) => f.endsWith(ext)).map((f) => readFileSync(join(assets, f), "utf8")).join("\n");
  const used = new Set(read(".js").match(/\bm_[0-9a-f]{8}\b/g));
  const styled = new Set(read(".css").match(/\bm_[0-9a-f]{8}\b/g));
  expect(used.size).toBeGreaterThan(50);
  expect([...used].filter((c) => !styled.has(c)).sort()).toEqual([]);
});
