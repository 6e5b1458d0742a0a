// `orgboard login | logout | whoami`: the official's own session for the API commands (import, export,
// report). login is the OAuth 2.0 Device Authorization Grant as the public client `orgboard-cli`: the
// CLI shows a URL and a code, the official opens it in any browser and signs in through VNeID, the CLI
// polls and stores the tokens (src/auth/credentials.ts).
import type { Command } from "commander";
import { CredentialStore } from "./credentials.js";
import { discover, jwtClaims, text, pollDeviceToken, revoke, startDeviceAuthorization } from "./oidc.js";
import { officialToken, resolveIssuer } from "./session.js";

const err = (s: string) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`);
const out = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);

function claimsLine(token: string): string {
  const c = jwtClaims(token);
  const roles = (c.realm_access as { roles?: string[] } | undefined)?.roles ?? [];
  const orgs = Array.isArray(c.org_paths) ? (c.org_paths as string[]) : [];
  return `${text(c.name) || text(c.preferred_username) || text(c.sub, "?")} (${text(c.preferred_username)})\n  vai trò / roles: ${roles.join(", ") || "-"}\n  phạm vi / scope: ${orgs.join(", ") || "-"}`;
}

export function registerAuthCommands(program: Command): void {
  program
    .command("login")
    .description("đăng nhập / sign in as yourself (device code + VNeID in a browser); tokens go to $XDG_CONFIG_HOME/orgboard/credentials.json")
    .option("--issuer <url>", "the realm (ORGBOARD_ISSUER; else the last one logged in to; else the local http://127.0.0.1:8190/realms/orgboard)")
    .action(async (opts: { issuer?: string }) => {
      const store = new CredentialStore();
      const issuer = resolveIssuer({ issuer: opts.issuer }, store);
      const endpoints = await discover(issuer);
      const auth = await startDeviceAuthorization(endpoints);
      err(`Mở trang sau trong trình duyệt và nhập mã / Open this page in a browser and enter the code:`);
      err(`  ${auth.verificationUri}`);
      err(`  Mã / code: ${auth.userCode}`);
      if (auth.verificationUriComplete) err(`  (hoặc mở thẳng / or open directly: ${auth.verificationUriComplete})`);
      err(`Mã hết hạn sau / the code expires in ${Math.round(auth.expiresIn / 60)} phút / min. Đang chờ xác nhận… / Waiting for approval…`);
      const login = await pollDeviceToken(endpoints, auth);
      store.put(issuer, login);
      out(`Đã đăng nhập / logged in: ${login.name ?? login.username ?? login.subject} (${login.username ?? ""}) @ ${issuer}`);
    });

  program
    .command("logout")
    .description("đăng xuất / end your session at the provider and delete the stored tokens")
    .option("--issuer <url>", "the realm (default: the last one logged in to)")
    .action(async (opts: { issuer?: string }) => {
      const store = new CredentialStore();
      const issuer = resolveIssuer({ issuer: opts.issuer }, store);
      const login = store.get(issuer);
      if (!login) {
        out(`Chưa đăng nhập / not logged in to ${issuer}`);
        return;
      }
      let revoked = false;
      try {
        revoked = await revoke(login);
      } catch (e) {
        err(`cảnh báo / warning: ${(e as Error).message}`);
      }
      store.delete(issuer);
      out(`Đã đăng xuất / logged out of ${issuer}${revoked ? "" : " (đã xóa thẻ trên máy này, nhà cung cấp không xác nhận thu hồi / tokens deleted here; the provider did not confirm the revocation)"}`);
    });

  program
    .command("whoami")
    .description("ai đang đăng nhập / who the API commands act as (ORGBOARD_TOKEN or the stored login)")
    .option("--issuer <url>", "the realm (default: the last one logged in to)")
    .action(async (opts: { issuer?: string }) => {
      const token = await officialToken({ issuer: opts.issuer })();
      const source = process.env.ORGBOARD_TOKEN ? "ORGBOARD_TOKEN" : resolveIssuer({ issuer: opts.issuer }, new CredentialStore());
      out(`${claimsLine(token)}\n  nguồn / from: ${source}`);
    });
}
