// Keycloak's admin API as the tests' fixtures reach it (identity-provider.test.ts, test/sso/saga-keycloak.test.ts):
// Keycloak's bootstrap administrator (run-keycloak.sh's defaults, KC_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD)
// provisions officials, reads their attributes back and removes them; never the code under test, which uses
// restructuring's own client-credentials token.

export interface KeycloakOfficial {
  username: string;
  firstName: string;
  lastName: string;
  attributes: Record<string, string[]>;
  /** realm roles to map */
  roles?: string[];
  /** a VNeID citizen's national ID: the user is linked to them, so they sign in through the simulator */
  vneid?: string;
}

export interface KeycloakUser {
  id: string;
  username: string;
  attributes?: Record<string, string[]>;
}

export interface KeycloakAdmin {
  call(path: string, method?: string, body?: unknown): Promise<unknown>;
  find(username: string): Promise<KeycloakUser | undefined>;
  /** Creates the official (roles, VNeID link); answers its id. */
  create(official: KeycloakOfficial): Promise<string>;
  /** Removes these users where they exist (a run stopped half-way may have left them). */
  remove(usernames: readonly string[]): Promise<void>;
}

/** The admin API of `realm` on the Keycloak at `url`, as its bootstrap administrator. */
export function keycloakAdmin(url: string, realm = "orgboard"): KeycloakAdmin {
  const admin = `${url}/admin/realms/${realm}`;
  // The master realm's admin-cli tokens live 60 s: a new one when this one is near its end.
  let token: { value: string; until: number } | null = null;
  const master = async () => {
    if (token && token.until > Date.now()) return token.value;
    const res = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: process.env["KC_BOOTSTRAP_ADMIN_USERNAME"] ?? "admin", password: process.env["KC_BOOTSTRAP_ADMIN_PASSWORD"] ?? "admin" }),
    });
    if (res.status !== 200) throw new Error(`Keycloak's bootstrap admin (KC_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD, default admin/admin): HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    token = { value: body.access_token, until: Date.now() + (body.expires_in - 15) * 1000 };
    return token.value;
  };
  const call = async (path: string, method = "GET", body?: unknown) => {
    const r = await fetch(`${admin}${path}`, { method, headers: { authorization: `Bearer ${await master()}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
    const text = await r.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const find = async (username: string) => ((await call(`/users?exact=true&briefRepresentation=false&username=${encodeURIComponent(username)}`)) as KeycloakUser[])[0];
  return {
    call,
    find,
    async create(o) {
      await call("/users", "POST", { username: o.username, enabled: true, firstName: o.firstName, lastName: o.lastName, attributes: o.attributes });
      const { id } = (await find(o.username))!;
      if (o.roles?.length) await call(`/users/${id}/role-mappings/realm`, "POST", await Promise.all(o.roles.map((r) => call(`/roles/${r}`))));
      if (o.vneid) await call(`/users/${id}/federated-identity/vneid`, "POST", { identityProvider: "vneid", userId: o.vneid, userName: o.vneid });
      return id;
    },
    async remove(usernames) {
      for (const u of usernames) {
        const found = await find(u);
        if (found) await call(`/users/${found.id}`, "DELETE");
      }
    },
  };
}
