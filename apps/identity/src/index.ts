export { startIdentity, STORE_FILES, type IdentityServer } from "./server.js";
export { optionsFromEnv, defaultRealmFile, type IdentityOptions } from "./config.js";
export { loadRealm, parseRealm, type Realm, type RealmUser, type RealmClient } from "./realm.js";
export { citizens, type Citizen, LOA_BASIC, LOA_HIGH } from "./vneid/citizens.js";
export { builtInUnitMover, keycloakUnitMover, MOVE_HISTORY_ATTRIBUTE, moveOrgPaths, parseUnitMoveRequest, parseUnitRestoreRequest, UnitMoveInputError, unitMovesUrlOf, UNIT_CENSUS_PATH, UNIT_MOVES_PATH, UNIT_RESTORES_PATH, type UnitAttributeMover, type UnitCensusRequest, type UnitCensusResult, type UnitMoveRequest, type UnitMoveResult, type UnitRestoreRequest } from "@orgboard/identity-moves";
