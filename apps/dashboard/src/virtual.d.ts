declare module "virtual:provinces" {
  const provinces: readonly { code: string; name: string; shortName: string }[];
  export default provinces;
}
