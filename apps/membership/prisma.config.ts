// Prisma CLI config (Prisma 7): the schema lives in prisma/; generation needs no database.
import { defineConfig } from "prisma/config";
export default defineConfig({ schema: "prisma/schema.prisma", migrations: { path: "prisma/migrations" } });
