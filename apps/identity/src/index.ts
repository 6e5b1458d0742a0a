export { startIdentity, STORE_FILES, type IdentityServer } from "./server.js";
export { optionsFromEnv, defaultRealmFile, type IdentityOptions } from "./config.js";
export { loadRealm, parseRealm, type Realm, type RealmUser, type RealmClient } from "./realm.js";
export { citizens, type Citizen, LOA_BASIC, LOA_HIGH } from "./vneid/citizens.js";
export { builtInUnitMover, keycloakUnitMover, moveOrgPaths, parseUnitMoveRequest, UnitMoveInputError, UNIT_MOVES_PATH, type UnitAttributeMover, type UnitMoveRequest, type UnitMoveResult } from "./unit-moves.js";
