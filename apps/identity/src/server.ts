import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { defaultRealmFile, type IdentityOptions } from "./config.js";
import { page, sendHtml } from "./pages.js";
import { loadRealm } from "./realm.js";
import { createRealmProvider } from "./realm/provider.js";
import { loadUnitMoveState, overlayUnitMoves, UNIT_MOVES_FILE } from "./realm/unit-moves-endpoint.js";
import { emptyUnitMoveState } from "@orgboard/identity-moves";
import type { Mounted } from "./mount.js";
import { generateSecrets, loadOrCreateSecrets } from "./state.js";
import { OidcStore } from "./store.js";
import { createVneid } from "./vneid/simulator.js";

/** oidc-provider's records in the data directory, one file per provider so that their ids never meet. */
export const STORE_FILES = { realm: "realm-store.json", vneid: "vneid-store.json" } as const;

export interface IdentityServer {
  /** Base URL, e.g. http://127.0.0.1:8190 (the Keycloak "auth server URL" for keycloak-js). */
  url: string;
  /** Realm issuer: `${url}/realms/orgboard`. */
  realmUrl: string;
  /** Government identity provider simulator issuer: `${url}/vneid`. */
  vneidUrl: string;
  close(): Promise<void>;
}

function errorStatus(e: unknown): number {
  const s = (e as { statusCode?: unknown; status?: unknown }).statusCode ?? (e as { status?: unknown }).status;
  return typeof s === "number" && s >= 400 && s < 500 ? s : 500;
}

/** Starts both issuers on one HTTP server: the realm (`/realms/orgboard`) and the VNeID simulator (`/vneid`). */
export async function startIdentity(options: IdentityOptions = {}): Promise<IdentityServer> {
  const host = options.host ?? "127.0.0.1";
  const env = options.env ?? process.env;
  // Read before the port is taken: a state file that cannot be used stops the start here, naming the file.
  const { dataDir } = options;
  const secrets = dataDir ? await loadOrCreateSecrets(dataDir) : await generateSecrets();
  const stores = dataDir
    ? { realm: await OidcStore.open(join(dataDir, STORE_FILES.realm)), vneid: await OidcStore.open(join(dataDir, STORE_FILES.vneid)) }
    : undefined;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8190, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = (options.publicUrl ?? `http://${host}:${port}`).replace(/\/$/, "");
  const vneidIssuer = `${url}/vneid`;
  const cookieKeys = [options.cookieSecret ?? secrets.cookieSecret];
  // /readyz: 200 once the realm and both providers are mounted, 503 again from close() on (a rollout's
  // old pod leaves the Service's endpoints before its connections are cut).
  let ready = false;

  try {
    // The realm brokers to options.vneidUrl (IDENTITY_VNEID_URL through optionsFromEnv), by default to this
    // process's own simulator.
    const realm = loadRealm(options.realmFile ?? defaultRealmFile, { ...env, IDENTITY_VNEID_URL: options.vneidUrl ?? vneidIssuer });
    // Unit attributes moved by restructuring outlive a restart: laid over the realm file's users.
    const unitMovesFile = dataDir ? join(dataDir, UNIT_MOVES_FILE) : undefined;
    const unitMoveState = unitMovesFile ? await loadUnitMoveState(unitMovesFile) : emptyUnitMoveState();
    overlayUnitMoves(realm.users, unitMoveState);
    const realmProvider = createRealmProvider({
      unitMoves: { state: unitMoveState, file: unitMovesFile },
      baseUrl: url,
      realm,
      cookieKeys,
      signingKey: secrets.realmKey.privateJwk,
      publicKey: secrets.realmKey.publicJwk,
      refreshKey: secrets.refreshSecret,
      extraRedirectUris: options.dashboardRedirectUris ?? [],
      adapter: stores?.realm.adapter,
    });
    // The simulator knows the realm's broker registration (client id and secret from the realm file), for
    // this process's realm and for a real Keycloak's.
    const keycloakBrokers = (options.keycloakUrls ?? []).map((k) => `${k.replace(/\/$/, "")}/realms/${realm.name}/broker/${realm.vneid.alias}/endpoint`);
    const vneid = createVneid({
      issuer: vneidIssuer,
      cookieKeys,
      signingKey: secrets.vneidKey.privateJwk,
      adapter: stores?.vneid.adapter,
      bruteForce: realm.bruteForce,
      brokers: [
        {
          clientId: realm.vneid.clientId,
          clientSecret: realm.vneid.clientSecret,
          redirectUris: [`${url}/realms/${realm.name}/login-actions/${realm.vneid.alias}/endpoint`, ...keycloakBrokers],
          postLogoutRedirectUris: keycloakBrokers.map((b) => `${b}/logout_response`),
        },
      ],
    });
    const mounted: Mounted[] = [realmProvider, vneid];

    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      void (async () => {
        const pathname = new URL(req.url ?? "/", "http://x").pathname;
        try {
          if (pathname === "/healthz") {
            res.writeHead(200, { "content-type": "text/plain" });
            res.end("ok");
            return;
          }
          if (pathname === "/readyz") {
            res.writeHead(ready ? 200 : 503, { "content-type": "text/plain", "cache-control": "no-store" });
            res.end(ready ? "ready" : "not ready");
            return;
          }
          for (const m of mounted) if (await m.handle(req, res, pathname)) return;
          if (pathname === "/") {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ realm: realmProvider.issuer, vneid: vneidIssuer }));
            return;
          }
          sendHtml(res, 404, page("Không tìm thấy", "<p>Trang không tồn tại.</p>"));
        } catch (e) {
          const status = errorStatus(e);
          if (status === 500) console.error(`[identity] ${req.method} ${pathname}:`, e);
          if (res.headersSent) {
            res.end();
            return;
          }
          // Typically an expired or missing login interaction (cookie gone, back button, second tab).
          sendHtml(res, status, page(status === 500 ? "Lỗi hệ thống" : "Phiên đăng nhập không hợp lệ", status === 500 ? "<p>Đã có lỗi xảy ra. Vui lòng thử lại.</p>" : "<p>Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng quay lại ứng dụng và đăng nhập lại.</p>"));
        }
      })();
    });
    ready = true;
  } catch (e) {
    server.close();
    throw e;
  }

  return {
    url,
    realmUrl: `${url}/realms/orgboard`,
    vneidUrl: vneidIssuer,
    close: async () => {
      ready = false;
      try {
        await new Promise<void>((resolve, reject) => {
          server.closeAllConnections();
          server.close((err) => (err ? reject(err) : resolve()));
        });
      } finally {
        // After the last request: what it changed is written too.
        if (stores) await Promise.all([stores.realm.flush(), stores.vneid.flush()]);
      }
    },
  };
}
