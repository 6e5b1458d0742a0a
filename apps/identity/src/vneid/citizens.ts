// Test citizens of the VNeID simulator. The real service knows every citizen; the simulator knows these.
// Most are the seeded officials of infra/keycloak/orgboard-realm.json (same national ID numbers), and Hà Giang's
// board and the board of its district Mèo Vạc, which only the dashboard's browser tests add to a copy of the
// realm (apps/dashboard/e2e/extra-officials.ts: they see a restructuring run's part); then two
// citizens with no orgboard account, to show that a valid national identity alone grants nothing; the last
// two of the first list are the Tuyên Quang and Hà Giang board officials that flow.test.ts provisions in Keycloak
// for the restructuring's unit move (issue #14) and removes again (no realm file carries them). The second list:
// the officials restructuring's saga test against Keycloak provisions the same way (apps/restructuring
// test/sso/saga-keycloak.test.ts; their own citizens, so the two tests never share a VNeID link).
export const LOA_BASIC = "urn:vneid:loa:1";
export const LOA_HIGH = "urn:vneid:loa:2";
export const LOA_VALUES = [LOA_BASIC, LOA_HIGH] as const;

export interface Citizen {
  /** Stable subject at VNeID; deliberately not the national ID number, as brokers must not assume it is. */
  sub: string;
  nationalId: string;
  name: string;
  birthdate: string;
  gender: "male" | "female";
  /** Highest level of assurance the citizen's account reached (level 2: identity verified in person). */
  loa: typeof LOA_BASIC | typeof LOA_HIGH;
}

export const citizens: Citizen[] = [
  { sub: "vneid-7c1e0a51", nationalId: "001068004521", name: "Nguyễn Văn An", birthdate: "1968-03-12", gender: "male", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a52", nationalId: "001175003318", name: "Trần Thị Bình", birthdate: "1975-07-02", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a53", nationalId: "001072006705", name: "Lê Văn Cường", birthdate: "1972-11-20", gender: "male", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a54", nationalId: "001180002244", name: "Đỗ Thị Hoa", birthdate: "1980-01-05", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a55", nationalId: "001085009132", name: "Phạm Minh Đức", birthdate: "1985-09-30", gender: "male", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a56", nationalId: "031190001876", name: "Vũ Thị Lan", birthdate: "1990-04-18", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a57", nationalId: "001095007790", name: "Hoàng Văn Nam", birthdate: "1995-12-01", gender: "male", loa: LOA_BASIC },
  { sub: "vneid-7c1e0a5a", nationalId: "001183005566", name: "Trịnh Thị Thu", birthdate: "1983-03-22", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a5d", nationalId: "002179006120", name: "Nông Thị Hạnh", birthdate: "1979-08-11", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a5e", nationalId: "002082004417", name: "Vàng Mí Chứ", birthdate: "1982-02-25", gender: "male", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a58", nationalId: "079192004411", name: "Ngô Thị Mai", birthdate: "1992-06-14", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a59", nationalId: "001099001234", name: "Bùi Văn Tùng", birthdate: "1999-02-27", gender: "male", loa: LOA_BASIC },
  { sub: "vneid-7c1e0a5b", nationalId: "008175002025", name: "Ma Thị Hương", birthdate: "1975-05-19", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a5c", nationalId: "002178002025", name: "Hoàng Văn Sùng", birthdate: "1978-10-08", gender: "male", loa: LOA_HIGH },
  // Restructuring's saga against Keycloak: Hà Giang's board, a cell's, a merged commune's and a district's officials, and
  // the one who makes the records the saga moves.
  { sub: "vneid-7c1e0a61", nationalId: "002176003101", name: "Lục Văn Thành", birthdate: "1976-02-11", gender: "male", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a62", nationalId: "002184003102", name: "Vàng Thị Mỷ", birthdate: "1984-08-23", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a63", nationalId: "002181003103", name: "Giàng Seo Phử", birthdate: "1981-12-04", gender: "male", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a64", nationalId: "002179003104", name: "Nông Thị Hạnh", birthdate: "1979-06-17", gender: "female", loa: LOA_HIGH },
  { sub: "vneid-7c1e0a65", nationalId: "001186003105", name: "Đặng Quốc Huy", birthdate: "1986-09-09", gender: "male", loa: LOA_HIGH },
];

export function findCitizen(nationalId: string): Citizen | undefined {
  return citizens.find((c) => c.nationalId === nationalId);
}

/** The acr the simulator asserts: the strongest requested level the account has, else the account's own level. */
export function assertedAcr(citizen: Citizen, requested: string[]): string {
  const rank = (v: string) => LOA_VALUES.indexOf(v as (typeof LOA_VALUES)[number]);
  const reachable = requested.filter((v) => rank(v) >= 0 && rank(v) <= rank(citizen.loa));
  return reachable.sort((a, b) => rank(b) - rank(a))[0] ?? citizen.loa;
}
