// Where `orgboard login` keeps an official's tokens: $XDG_CONFIG_HOME/orgboard/credentials.json (default
// ~/.config/orgboard/credentials.json), one entry per issuer, the file mode 0600 in a 0700 directory,
// written whole to a temporary file and renamed (never half-written). The file holds refresh tokens:
// whoever can read it can act as the official until the session ends (`orgboard logout` ends it).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export interface StoredLogin {
  clientId: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  accessToken: string;
  /** ms since epoch */
  expiresAt: number;
  refreshToken?: string;
  /** ms since epoch; absent when the provider did not say */
  refreshExpiresAt?: number;
  username?: string;
  name?: string;
  subject?: string;
}

interface CredentialsFile {
  version: 1;
  /** The issuer of the last `orgboard login`: used when no --issuer / ORGBOARD_ISSUER is given. */
  current?: string;
  logins: Record<string, StoredLogin>;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homedir(), ".config");
  return path.join(base, "orgboard", "credentials.json");
}

function read(file: string): CredentialsFile {
  if (!existsSync(file)) return { version: 1, logins: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<CredentialsFile>;
    return { version: 1, current: parsed.current, logins: parsed.logins && typeof parsed.logins === "object" ? parsed.logins : {} };
  } catch {
    // An unreadable file is a lost login, not a crash: the next `orgboard login` writes a fresh one.
    return { version: 1, logins: {} };
  }
}

function write(file: string, data: CredentialsFile): void {
  if (Object.keys(data.logins).length === 0) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export class CredentialStore {
  constructor(readonly file: string = credentialsPath()) {}

  /** The issuer to use: the one asked for, else the last one logged in to. */
  current(): string | undefined {
    return read(this.file).current;
  }

  get(issuer: string): StoredLogin | undefined {
    return read(this.file).logins[issuer];
  }

  put(issuer: string, login: StoredLogin, makeCurrent = true): void {
    const data = read(this.file);
    data.logins[issuer] = login;
    if (makeCurrent) data.current = issuer;
    write(this.file, data);
  }

  delete(issuer: string): void {
    const data = read(this.file);
    delete data.logins[issuer];
    if (data.current === issuer) data.current = Object.keys(data.logins)[0];
    write(this.file, data);
  }
}
