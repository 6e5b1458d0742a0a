// Officials the browser tests need that the shipped realm (infra/keycloak/orgboard-realm.json) does not carry:
// Hà Giang's board and the board of its district Mèo Vạc, who see a restructuring run's part (issue #14). Not in
// the shipped realm on purpose: the identity and restructuring tests move every `/02/` official of it and count
// them. The stack gives them to the built-in provider in a copy of the realm file (IDENTITY_REALM_FILE) and, with
// a real Keycloak (KEYCLOAK_URL), provisions them through its admin API for the run and removes them after. Their
// national IDs are citizens of the VNeID simulator (apps/identity's citizens.ts).

export interface ExtraOfficial {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  nationalId: string;
  orgPaths: string[];
  role: string;
}

export const EXTRA_OFFICIALS: readonly ExtraOfficial[] = [
  { id: "6f1b2c10-e2e0-4c1e-9a01-000000000002", username: "hagiang.bantochuc", firstName: "Thị Hạnh", lastName: "Nông", nationalId: "002179006120", orgPaths: ["/02/"], role: "provincial_board" },
  { id: "6f1b2c10-e2e0-4c1e-9a01-000000000027", username: "meovac.bantochuc", firstName: "Mí Chứ", lastName: "Vàng", nationalId: "002082004417", orgPaths: ["/02/027/"], role: "provincial_board" },
];

/** The realm file's representation of an official (as the shipped realm's users are written). */
export function realmUser(o: ExtraOfficial): Record<string, unknown> {
  return {
    id: o.id,
    username: o.username,
    enabled: true,
    emailVerified: false,
    firstName: o.firstName,
    lastName: o.lastName,
    attributes: { full_name: [`${o.lastName} ${o.firstName}`], national_id: [o.nationalId], org_paths: o.orgPaths },
    realmRoles: [o.role],
    federatedIdentities: [{ identityProvider: "vneid", userId: o.nationalId, userName: o.nationalId }],
    requiredActions: [],
    credentials: [],
  };
}

/**
 * With a real Keycloak: the officials provisioned through its admin API as the bootstrap administrator
 * (run-keycloak.sh's defaults; fixtures only, as apps/identity's flow.test.ts provisions its boards), after
 * removing any a stopped run left. Answers the removal, for the teardown.
 */
export async function provisionInKeycloak(keycloakUrl: string): Promise<() => Promise<void>> {
  // A fresh administrator token per use: the master realm's expire within minutes, the teardown comes later.
  const session = async () => {
    const res = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? "admin", password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? "admin" }),
    });
    if (!res.ok) throw new Error(`Keycloak's bootstrap admin (KC_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD, default admin/admin): HTTP ${res.status}`);
    const token = ((await res.json()) as { access_token: string }).access_token;
    const admin = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> => {
      const r = await fetch(`${keycloakUrl}/admin/realms/orgboard${path}`, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      if (!r.ok) throw new Error(`Keycloak ${init.method ?? "GET"} ${path}: HTTP ${r.status} ${await r.text()}`);
      const text = await r.text();
      return text ? (JSON.parse(text) as unknown) : undefined;
    };
    const idOf = async (username: string) => ((await admin(`/users?exact=true&username=${encodeURIComponent(username)}`)) as { id: string }[])[0]?.id;
    return { admin, idOf };
  };
  const remove = async () => {
    const { admin, idOf } = await session();
    for (const o of EXTRA_OFFICIALS) {
      const id = await idOf(o.username);
      if (id) await admin(`/users/${id}`, { method: "DELETE" });
    }
  };
  await remove(); // a run stopped half-way may have left them
  const { admin, idOf } = await session();
  for (const o of EXTRA_OFFICIALS) {
    const role = await admin(`/roles/${o.role}`);
    await admin("/users", { method: "POST", body: { username: o.username, enabled: true, firstName: o.firstName, lastName: o.lastName, attributes: { full_name: [`${o.lastName} ${o.firstName}`], national_id: [o.nationalId], org_paths: o.orgPaths } } });
    const id = (await idOf(o.username))!;
    await admin(`/users/${id}/role-mappings/realm`, { method: "POST", body: [role] });
    await admin(`/users/${id}/federated-identity/vneid`, { method: "POST", body: { identityProvider: "vneid", userId: o.nationalId, userName: o.nationalId } });
  }
  return remove;
}
