// Writes the counters migration from src/db/stats-sql.ts (the single definition of the counters).
import { writeFileSync } from "node:fs";
import { countersMigrationSql } from "../src/db/stats-sql.js";

const target = new URL("../prisma/migrations/20261127060100_counters/migration.sql", import.meta.url);
writeFileSync(target, countersMigrationSql());
console.log(`wrote ${target.pathname}`);
