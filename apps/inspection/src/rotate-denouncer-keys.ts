// `node dist/rotate-denouncer-keys.js`: re-seals every petitioner identity with the first key of
// INSPECTION_DENOUNCER_KEYS, with the service's own configuration (docs/runbooks/rotate-denouncer-keys.md).
// Exit 0: done; 1: some rows did not open (listed); 78: bad configuration. On the embedded database, stop
// the service first (one process per PGlite directory).
import { userInfo } from "node:os";
import { defaultDataDir } from "@orgboard/db";
import { isDevelopment } from "@orgboard/server-kit";
import { rotatePetitionerKeys } from "./app/rotate-keys.js";
import { loadInspectionConfig } from "./config.js";
import { resolveDenouncerKeys } from "./crypto/keys.js";
import { openDatabase } from "./db.js";

const config = loadInspectionConfig();
const ring = await resolveDenouncerKeys({
  spec: config.INSPECTION_DENOUNCER_KEYS,
  development: isDevelopment(),
  dataDir: config.DATA_DIR ?? (isDevelopment() && !config.INSPECTION_DENOUNCER_KEYS ? defaultDataDir("inspection") : undefined),
});
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 2, ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}) });
try {
  const result = await rotatePetitionerKeys(db.prisma, ring, { actor: `operator:rotate-denouncer-keys (os-user:${userInfo().username})` });
  process.stdout.write(`đã mã hóa lại / re-sealed: ${result.resealed}\n`);
  for (const [kid, n] of Object.entries(result.byKeyId)) process.stdout.write(`  ${kid}: ${n}${kid === ring.current.kid ? " (khóa hiện hành / current key)" : ""}\n`);
  for (const f of result.failures) process.stdout.write(`  KHÔNG MỞ ĐƯỢC / DID NOT OPEN: petition ${f.petitionId} (${f.reason})\n`);
  process.exitCode = result.failures.length > 0 ? 1 : 0;
} finally {
  await db.close();
}
