// Where the denouncer keys come from (docs/runbooks/rotate-denouncer-keys.md): INSPECTION_DENOUNCER_KEYS
// always wins; without it only development mode (NODE_ENV=development, e.g. `orgboard start`) gets a key,
// generated at first start and kept in `<DATA_DIR>/denouncer-keys` (mode 0600) so a restart still opens
// what it sealed. Production without the variable is refused by the configuration check.
import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DenouncerCryptoError, newDenouncerKeyEntry, parseDenouncerKeys, type DenouncerKeyring } from "./denouncer.js";

/** The file, in the data directory, holding the development key spec (same format as the variable). */
export const DEVELOPMENT_KEYS_FILE = "denouncer-keys";

export interface DenouncerKeySource {
  /** INSPECTION_DENOUNCER_KEYS, when set. */
  spec?: string | undefined;
  development: boolean;
  /** Where the development key is kept; undefined or `memory://…` ⇒ a key for this process only. */
  dataDir?: string | undefined;
}

/** The keyring the service uses; throws DenouncerCryptoError("config") when none may be had. */
export async function resolveDenouncerKeys(source: DenouncerKeySource): Promise<DenouncerKeyring> {
  if (source.spec !== undefined && source.spec.trim() !== "") return parseDenouncerKeys(source.spec);
  if (!source.development) {
    throw new DenouncerCryptoError(
      "config",
      "INSPECTION_DENOUNCER_KEYS: chưa được đặt (bắt buộc ngoài chế độ phát triển) / is required but not set (outside development mode)",
    );
  }
  if (source.dataDir === undefined || source.dataDir.startsWith("memory://")) return parseDenouncerKeys(newDenouncerKeyEntry("dev-memory"));
  return parseDenouncerKeys(await loadOrCreateDevelopmentKeys(source.dataDir));
}

/** Reads `<dataDir>/denouncer-keys`, creating it with one fresh key on first use. Returns the spec. */
export async function loadOrCreateDevelopmentKeys(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DEVELOPMENT_KEYS_FILE);
  const existing = await readIfExists(file);
  if (existing !== undefined) return existing;
  // Written beside, then hard-linked into place: link fails if another process won the race, and a
  // reader never sees a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temp, `${newDenouncerKeyEntry(`dev-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`)}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return (await readIfExists(file)) ?? "";
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    // An empty or damaged file is returned as is: parsing it then names the problem.
    return (await readFile(file, "utf8")).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
