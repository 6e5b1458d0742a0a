// Reads infra/keycloak/orgboard-realm.json, the one source of truth for clients, roles, users and token
// lifetimes, so that the built-in provider and a real Keycloak answer with the same clients and claims.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { KEYCLOAK_BRUTE_FORCE_DEFAULTS, type BruteForceSettings } from "./brute-force.js";

/** The realm file's placeholders are Keycloak's: `${NAME}` or `${NAME:default}`, resolved from the environment.
 * Only names shaped like environment variables are touched; `${CLAIM.national_id}` or `${username}` (mapper
 * templates and theme message keys) stay as they are, as Keycloak leaves them. */
const placeholder = /\$\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?\}/g;

export function resolvePlaceholders(text: string, env: Record<string, string | undefined>, file = "realm file"): string {
  return text.replace(placeholder, (_m, name: string, fallback: string | undefined) => {
    const value = env[name] ?? fallback;
    if (value === undefined) throw new Error(`${file}: environment variable ${name} is not set and has no default`);
    // The value lands inside a JSON string.
    return JSON.stringify(value).slice(1, -1);
  });
}

const mapper = z.object({ name: z.string(), protocolMapper: z.string(), config: z.record(z.string(), z.string()).default({}) });
const clientSchema = z.object({
  clientId: z.string(),
  name: z.string().optional(),
  enabled: z.boolean().default(true),
  publicClient: z.boolean().default(false),
  secret: z.string().optional(),
  standardFlowEnabled: z.boolean().default(true),
  serviceAccountsEnabled: z.boolean().default(false),
  fullScopeAllowed: z.boolean().default(true),
  redirectUris: z.array(z.string()).default([]),
  webOrigins: z.array(z.string()).default([]),
  attributes: z.record(z.string(), z.string()).default({}),
  defaultClientScopes: z.array(z.string()).default([]),
});
const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  enabled: z.boolean().default(true),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  attributes: z.record(z.string(), z.array(z.string())).default({}),
  realmRoles: z.array(z.string()).default([]),
  serviceAccountClientId: z.string().optional(),
  federatedIdentities: z.array(z.object({ identityProvider: z.string(), userId: z.string() })).default([]),
});
const realmSchema = z.object({
  realm: z.string(),
  accessTokenLifespan: z.number().int().positive(),
  ssoSessionIdleTimeout: z.number().int().positive(),
  ssoSessionMaxLifespan: z.number().int().positive(),
  accessCodeLifespan: z.number().int().positive(),
  accessCodeLifespanLogin: z.number().int().positive(),
  revokeRefreshToken: z.boolean().default(false),
  // Brute-force detection (Keycloak's names; its defaults when left out).
  bruteForceProtected: z.boolean().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.enabled),
  permanentLockout: z.boolean().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.permanentLockout),
  failureFactor: z.number().int().positive().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.failureFactor),
  waitIncrementSeconds: z.number().int().nonnegative().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.waitIncrementSeconds),
  quickLoginCheckMilliSeconds: z.number().int().nonnegative().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.quickLoginCheckMilliSeconds),
  minimumQuickLoginWaitSeconds: z.number().int().nonnegative().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.minimumQuickLoginWaitSeconds),
  maxFailureWaitSeconds: z.number().int().nonnegative().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.maxFailureWaitSeconds),
  maxDeltaTimeSeconds: z.number().int().positive().default(KEYCLOAK_BRUTE_FORCE_DEFAULTS.maxDeltaTimeSeconds),
  roles: z.object({ realm: z.array(z.object({ name: z.string() })) }),
  clientScopes: z.array(z.object({ name: z.string(), protocolMappers: z.array(mapper).default([]) })).default([]),
  clients: z.array(clientSchema),
  scopeMappings: z.array(z.object({ client: z.string(), roles: z.array(z.string()) })).default([]),
  users: z.array(userSchema),
  identityProviders: z.array(z.object({ alias: z.string(), displayName: z.string().optional(), enabled: z.boolean(), config: z.record(z.string(), z.string()) })).default([]),
});

export interface RealmClient {
  clientId: string;
  name: string;
  publicClient: boolean;
  secret?: string;
  standardFlow: boolean;
  serviceAccount: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Exact origins allowed for CORS ("+" in Keycloak = the origins of the redirect URIs, expanded here). */
  webOrigins: string[];
  pkceS256: boolean;
  /** OAuth 2.0 Device Authorization Grant (RFC 8628): Keycloak's `oauth2.device.authorization.grant.enabled`. */
  deviceGrant: boolean;
  /** Seconds a device code waits for its approval (`oauth2.device.code.lifespan`; Keycloak's default 600). */
  deviceCodeLifespan: number;
  /** Realm roles this client's tokens may carry (Keycloak's scope mappings; null = full scope). */
  roleScope: Set<string> | null;
  /**
   * The services its access tokens are for (`aud`): the audience mappers of the client's default client
   * scopes, as Keycloak adds them. A token names only these, so it is refused by every other service.
   */
  audiences: string[];
}
export interface RealmUser {
  id: string;
  username: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  nationalId?: string;
  orgPaths: string[];
  roles: string[];
  serviceAccountClientId?: string;
}
export interface BrokerConfig {
  alias: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  prompt?: string;
}
export interface Realm {
  name: string;
  roles: string[];
  clients: Map<string, RealmClient>;
  users: RealmUser[];
  lifetimes: { accessToken: number; ssoIdle: number; ssoMax: number; code: number; login: number };
  rotateRefreshTokens: boolean;
  /** The realm's brute-force detection (src/brute-force.ts). */
  bruteForce: BruteForceSettings;
  vneid: BrokerConfig;
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri.replace(/\*$/, "")).origin;
  } catch {
    return undefined;
  }
}

export function parseRealm(text: string, env: Record<string, string | undefined>, file = "realm file"): Realm {
  const parsed = realmSchema.safeParse(JSON.parse(resolvePlaceholders(text, env, file)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const r = parsed.data;
  const scopeByClient = new Map(r.scopeMappings.map((m) => [m.client, m.roles]));
  // Keycloak's audience mappers, per client scope: a client's tokens name the audiences of its default scopes.
  const audiencesOfScope = new Map(
    r.clientScopes.map((s) => [
      s.name,
      s.protocolMappers
        .filter((m) => m.protocolMapper === "oidc-audience-mapper" && m.config["access.token.claim"] !== "false")
        .map((m) => m.config["included.client.audience"])
        .filter((a): a is string => !!a),
    ]),
  );
  const scopeNames = new Set(r.clientScopes.map((s) => s.name));
  const clients = new Map<string, RealmClient>();
  for (const c of r.clients.filter((x) => x.enabled)) {
    // Keycloak refuses an import naming a client scope that does not exist; so does this reader.
    const unknownScope = c.defaultClientScopes.find((name) => !scopeNames.has(name));
    if (unknownScope) throw new Error(`${file}: client ${c.clientId}: unknown client scope "${unknownScope}"`);
    const postLogout = (c.attributes["post.logout.redirect.uris"] ?? "").split("##").filter(Boolean);
    const origins = c.webOrigins.flatMap((o) => (o === "+" ? c.redirectUris.map(originOf) : [o])).filter((o): o is string => !!o);
    clients.set(c.clientId, {
      clientId: c.clientId,
      name: c.name ?? c.clientId,
      publicClient: c.publicClient,
      secret: c.secret,
      standardFlow: c.standardFlowEnabled,
      serviceAccount: c.serviceAccountsEnabled,
      redirectUris: c.redirectUris,
      postLogoutRedirectUris: postLogout.includes("+") ? c.redirectUris : postLogout,
      webOrigins: [...new Set(origins)],
      pkceS256: c.attributes["pkce.code.challenge.method"] === "S256",
      deviceGrant: c.attributes["oauth2.device.authorization.grant.enabled"] === "true",
      deviceCodeLifespan: Number(c.attributes["oauth2.device.code.lifespan"]) > 0 ? Number(c.attributes["oauth2.device.code.lifespan"]) : 600,
      roleScope: c.fullScopeAllowed ? null : new Set(scopeByClient.get(c.clientId) ?? []),
      audiences: [...new Set(c.defaultClientScopes.flatMap((name) => audiencesOfScope.get(name) ?? []))].sort(),
    });
  }
  const users = r.users.filter((u) => u.enabled).map((u): RealmUser => {
    return {
      id: u.id,
      username: u.username,
      // The realm maps the `full_name` attribute (Vietnamese order, family name first) to `name`.
      name: u.attributes["full_name"]?.[0],
      givenName: u.firstName,
      familyName: u.lastName,
      nationalId: u.attributes["national_id"]?.[0],
      orgPaths: u.attributes["org_paths"] ?? [],
      roles: u.realmRoles,
      serviceAccountClientId: u.serviceAccountClientId,
    };
  });
  const idp = r.identityProviders.find((p) => p.alias === "vneid" && p.enabled);
  if (!idp) throw new Error(`${file}: no enabled identity provider "vneid"`);
  const need = (key: string): string => {
    const v = idp.config[key];
    if (!v) throw new Error(`${file}: identityProviders[vneid].config.${key} is missing`);
    return v;
  };
  return {
    name: r.realm,
    roles: r.roles.realm.map((x) => x.name),
    clients,
    users,
    lifetimes: {
      accessToken: r.accessTokenLifespan,
      ssoIdle: r.ssoSessionIdleTimeout,
      ssoMax: r.ssoSessionMaxLifespan,
      code: r.accessCodeLifespan,
      login: r.accessCodeLifespanLogin,
    },
    rotateRefreshTokens: r.revokeRefreshToken,
    bruteForce: {
      enabled: r.bruteForceProtected,
      permanentLockout: r.permanentLockout,
      failureFactor: r.failureFactor,
      waitIncrementSeconds: r.waitIncrementSeconds,
      quickLoginCheckMilliSeconds: r.quickLoginCheckMilliSeconds,
      minimumQuickLoginWaitSeconds: r.minimumQuickLoginWaitSeconds,
      maxFailureWaitSeconds: r.maxFailureWaitSeconds,
      maxDeltaTimeSeconds: r.maxDeltaTimeSeconds,
    },
    vneid: {
      alias: idp.alias,
      displayName: idp.displayName ?? idp.alias,
      issuer: need("issuer"),
      clientId: need("clientId"),
      clientSecret: need("clientSecret"),
      scope: idp.config["defaultScope"] ?? "openid",
      prompt: idp.config["prompt"] || undefined,
    },
  };
}

export function loadRealm(file: string, env: Record<string, string | undefined>): Realm {
  return parseRealm(readFileSync(file, "utf8"), env, file);
}
