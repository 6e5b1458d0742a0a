import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configVariables, documentedVariables } from "@orgboard/server-kit";
import { REALM_CLIENT_SECRETS, defaultRealmFile, identityConfigSchema, identityRenamed, optionsFromEnv } from "../src/config.js";
import { parseRealm, resolvePlaceholders } from "../src/realm.js";
import { uriAllowed } from "../src/realm/provider.js";
import { LOA_BASIC, LOA_HIGH, assertedAcr, citizens } from "../src/vneid/citizens.js";
import { startIdentity } from "../src/index.js";

const text = readFileSync(defaultRealmFile, "utf8");
const realm = parseRealm(text, { IDENTITY_VNEID_URL: "http://127.0.0.1:1/vneid" });
const SERVICES = ["membership", "inspection", "personnel", "restructuring", "conference", "realtime"];

describe("the realm file (infra/keycloak/orgboard-realm.json)", () => {
  it("has the dashboard as a public PKCE client and one service-account client per service", () => {
    const dashboard = realm.clients.get("dashboard")!;
    expect(dashboard).toMatchObject({ publicClient: true, pkceS256: true, standardFlow: true, serviceAccount: false });
    expect(dashboard.redirectUris).toContain("http://localhost:5173/*");
    expect(dashboard.postLogoutRedirectUris).toContain("http://localhost:5173/*");
    for (const s of SERVICES) {
      expect(realm.clients.get(s)).toMatchObject({ publicClient: false, serviceAccount: true, standardFlow: false, secret: `dev-${s}-secret` });
      expect(realm.users.find((u) => u.serviceAccountClientId === s)?.roles).toEqual(["service"]);
    }
  });

  it("grants Keycloak's realm-management roles to restructuring's service account alone: view-users and manage-users, scope-mapped (#14)", () => {
    // The raw file (the built-in provider ignores these keys; Keycloak imports them). docs/security.md says why.
    const raw = JSON.parse(text) as { users: { username: string; clientRoles?: Record<string, string[]> }[]; clientScopeMappings?: Record<string, { client: string; roles: string[] }[]>; clients: { clientId: string; fullScopeAllowed?: boolean }[]; adminEventsEnabled?: boolean };
    expect(raw.users.filter((u) => u.clientRoles).map((u) => [u.username, u.clientRoles])).toEqual([["service-account-restructuring", { "realm-management": ["view-users", "manage-users"] }]]);
    expect(raw.clientScopeMappings).toEqual({ "realm-management": [{ client: "restructuring", roles: ["view-users", "manage-users"] }] });
    // Without fullScopeAllowed a client uses only the roles mapped to its scope: no other client reaches them.
    for (const c of raw.clients) expect(c.fullScopeAllowed, c.clientId).toBe(false);
    // Keycloak's admin events are the audit of the unit moves.
    expect(raw.adminEventsEnabled).toBe(true);
  });

  it("gives each client's tokens only the audiences of the services they are for (#9)", () => {
    const aud = (c: string) => realm.clients.get(c)!.audiences;
    // One keycloak-js token per browser session: every service an official uses from the dashboard.
    expect(aud("dashboard")).toEqual([...SERVICES].sort());
    // The command line has no socket.
    expect(aud("orgboard-cli")).toEqual(SERVICES.filter((s) => s !== "realtime").sort());
    // Service accounts: only the services they call.
    expect(aud("inspection")).toEqual(["membership"]);
    expect(aud("membership")).toEqual(["inspection"]);
    expect(aud("realtime")).toEqual(["conference", "inspection", "membership", "personnel", "realtime", "restructuring"]);
    expect(aud("conference")).toEqual(["conference"]);
    // personnel follows inspection's decisions and asks membership and inspection for a political standard.
    expect(aud("personnel")).toEqual(["inspection", "membership"]);
    // restructuring reads membership's tree and runs its saga steps there, and rewrites the scope keys of
    // inspection, personnel and conference (#14, docs/restructuring.md).
    expect(aud("restructuring")).toEqual(["conference", "inspection", "membership", "personnel"]);
  });

  it("refuses a client naming a client scope the realm does not define", () => {
    const bad = JSON.parse(text) as { clients: { clientId: string; defaultClientScopes: string[] }[] };
    bad.clients.find((c) => c.clientId === "inspection")!.defaultClientScopes.push("audience-nowhere");
    expect(() => parseRealm(JSON.stringify(bad), { IDENTITY_VNEID_URL: "http://127.0.0.1:1/vneid" })).toThrow(/client inspection: unknown client scope "audience-nowhere"/);
  });

  it("has the command line as a public device-grant-only client with the dashboard's roles", () => {
    const cli = realm.clients.get("orgboard-cli")!;
    expect(cli).toMatchObject({ publicClient: true, standardFlow: false, serviceAccount: false, deviceGrant: true, deviceCodeLifespan: 600, redirectUris: [] });
    expect([...cli.roleScope!].sort()).toEqual([...realm.clients.get("dashboard")!.roleScope!].sort());
    expect(realm.clients.get("dashboard")!.deviceGrant).toBe(false);
  });

  it("has the roles of 0001 and lifetimes of the issue", () => {
    expect(realm.roles.sort()).toEqual(["auditor", "central_board", "conference_operator", "inspection_committee", "personnel_officer", "provincial_board", "service", "site_operator", "viewer"]);
    expect(realm.lifetimes).toMatchObject({ accessToken: 300, ssoIdle: 1800, ssoMax: 36000 });
    expect(realm.rotateRefreshTokens).toBe(true);
  });

  it("seeds officials with a national ID and well-formed org paths, all known to the VNeID simulator", () => {
    const officials = realm.users.filter((u) => !u.serviceAccountClientId);
    expect(officials.length).toBeGreaterThanOrEqual(6);
    for (const u of officials) {
      expect(u.nationalId).toMatch(/^[0-9]{12}$/);
      expect(u.orgPaths.length).toBeGreaterThan(0);
      for (const p of u.orgPaths) expect(p).toMatch(/^\/([0-9A-Za-z-]+\/)*$/);
      expect(citizens.map((c) => c.nationalId)).toContain(u.nationalId);
    }
    expect(officials.find((u) => u.username === "hn.bantochuc")).toMatchObject({ roles: ["provincial_board"], orgPaths: ["/01/"] });
    // Some citizens have no account: the refusal path has someone to refuse.
    expect(citizens.some((c) => !officials.some((u) => u.nationalId === c.nationalId))).toBe(true);
  });
});

describe("realm placeholders", () => {
  it("takes the environment, else the default, and leaves mapper templates alone", () => {
    const t = '{"a":"${ORGBOARD_X:dflt}","b":"${CLAIM.national_id}","c":"${username}","d":"${ORGBOARD_Y}"}';
    expect(JSON.parse(resolvePlaceholders(t, { ORGBOARD_Y: 'q"uote' }))).toEqual({ a: "dflt", b: "${CLAIM.national_id}", c: "${username}", d: 'q"uote' });
    expect(JSON.parse(resolvePlaceholders(t, { ORGBOARD_X: "set", ORGBOARD_Y: "y" })).a).toBe("set");
  });

  it("names a variable that is neither set nor defaulted", () => {
    expect(() => parseRealm(text, {})).toThrow(/IDENTITY_VNEID_URL is not set/);
  });

  it("refuses to start on a broken realm file, naming it", async () => {
    await expect(startIdentity({ port: 0, realmFile: "/nonexistent/realm.json" })).rejects.toThrow(/nonexistent\/realm.json/);
  });
});

describe("redirect URIs (Keycloak's rule)", () => {
  const registered = ["http://localhost:5173/*", "https://orgboard.example.vn/exact"];
  it("allows a prefix under a trailing * and exact matches only otherwise", () => {
    expect(uriAllowed(registered, "http://localhost:5173/")).toBe(true);
    expect(uriAllowed(registered, "http://localhost:5173/members?x=1")).toBe(true);
    expect(uriAllowed(registered, "https://orgboard.example.vn/exact")).toBe(true);
    expect(uriAllowed(registered, "https://orgboard.example.vn/exact/more")).toBe(false);
    expect(uriAllowed(registered, "http://localhost:5173.evil.example/")).toBe(false);
    expect(uriAllowed(registered, "http://localhost:5173/#frag")).toBe(false);
  });
});

describe("configuration from the environment", () => {
  const dev = { NODE_ENV: "development" };
  const allSecrets = Object.fromEntries(REALM_CLIENT_SECRETS.map((n) => [n, `prod-${n.toLowerCase()}`]));
  it("names every bad variable at once, in both languages", () => {
    const err = (() => {
      try {
        optionsFromEnv({ ...dev, PORT: "http", IDENTITY_DASHBOARD_REDIRECT_URIS: "http://ok/,not a url", IDENTITY_COOKIE_SECRET: "short-hunter2" });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).toContain("identity: cấu hình không hợp lệ / invalid configuration (3):");
    expect(err?.message).toContain('PORT: phải là số nguyên từ 0 đến 65535 / must be a whole number from 0 to 65535, got "http"');
    expect(err?.message).toMatch(/IDENTITY_DASHBOARD_REDIRECT_URIS\.1: mỗi mục phải là một URL \/ every entry must be a URL/);
    expect(err?.message).toContain("IDENTITY_COOKIE_SECRET: phải có ít nhất 32 ký tự / must be at least 32 characters");
    expect(err?.message).not.toContain("hunter2");
  });
  it("refuses the old names, naming the new ones", () => {
    expect(() => optionsFromEnv({ ...dev, ORGBOARD_IDENTITY_PORT: "8190" })).toThrow("ORGBOARD_IDENTITY_PORT: đã đổi tên thành PORT / was renamed to PORT");
    expect(() => optionsFromEnv({ ...dev, ORGBOARD_REALTIME_CLIENT_SECRET: "x" })).toThrow(
      "ORGBOARD_REALTIME_CLIENT_SECRET: đã đổi tên thành IDENTITY_REALTIME_CLIENT_SECRET / was renamed to IDENTITY_REALTIME_CLIENT_SECRET",
    );
  });
  it("has working defaults in development mode", () => {
    expect(optionsFromEnv(dev)).toMatchObject({ host: "127.0.0.1", port: 8190, dashboardRedirectUris: [], keycloakUrls: ["http://127.0.0.1:8180", "http://localhost:8180"] });
    expect(optionsFromEnv(dev).dataDir).toBeUndefined();
  });
  it("outside development mode, requires every realm client secret the realm file only has a development default for", () => {
    const err = (() => {
      try {
        optionsFromEnv({ IDENTITY_REALTIME_CLIENT_SECRET: "set" });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    for (const name of REALM_CLIENT_SECRETS.filter((n) => n !== "IDENTITY_REALTIME_CLIENT_SECRET")) {
      expect(err?.message).toContain(`${name}: chưa được đặt (bắt buộc khi không ở chế độ phát triển NODE_ENV=development`);
    }
    expect(err?.message).toContain("is required unless NODE_ENV=development (the realm file's default is for development only)");
    expect(err?.message).not.toContain("IDENTITY_REALTIME_CLIENT_SECRET:");
    expect(optionsFromEnv({ NODE_ENV: "production", ...allSecrets }).port).toBe(8190);
  });
  it("takes the data directory as an absolute path, and refuses an empty one", () => {
    expect(optionsFromEnv({ ...dev, DATA_DIR: "/srv/identity" }).dataDir).toBe("/srv/identity");
    expect(optionsFromEnv({ ...dev, DATA_DIR: "rel/dir" }).dataDir).toBe(resolve("rel/dir"));
    expect(() => optionsFromEnv({ ...dev, DATA_DIR: " " })).toThrow("DATA_DIR: không được để trống / must not be empty");
  });
  it("docs/configuration.md and .env.example list every variable identity reads and its old names", () => {
    const doc = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
    const documented = documentedVariables(doc);
    for (const name of configVariables(identityConfigSchema)) {
      expect(documented.get(name)?.apps, name).toContain("I");
      expect(example, name).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
    for (const old of Object.keys(identityRenamed)) {
      const client = /^ORGBOARD_([A-Z]+)_CLIENT_SECRET$/.exec(old);
      expect(doc, old).toContain(client ? client[1]!.toLowerCase() : `| \`${old}\` |`);
    }
  });
});

describe("VNeID level of assurance", () => {
  const high = citizens.find((c) => c.loa === LOA_HIGH)!;
  const basic = citizens.find((c) => c.loa === LOA_BASIC)!;
  it("asserts the strongest requested level the account has", () => {
    expect(assertedAcr(high, [LOA_BASIC, LOA_HIGH])).toBe(LOA_HIGH);
    expect(assertedAcr(high, [LOA_BASIC])).toBe(LOA_BASIC);
    expect(assertedAcr(basic, [LOA_HIGH])).toBe(LOA_BASIC);
    expect(assertedAcr(basic, [])).toBe(LOA_BASIC);
  });
});
