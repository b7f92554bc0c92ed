// The one Prisma client of a process, on the TypeScript query compiler with node-postgres.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

declare global {
  // Survives Vite's module reloading in development.
  // eslint-disable-next-line no-var
  var __creatorPayoutsPrisma: { url: string; client: PrismaClient } | undefined;
}

export function db(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run demo`.");
  }
  const cached = globalThis.__creatorPayoutsPrisma;
  if (cached?.url === url) return cached.client;
  const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
  globalThis.__creatorPayoutsPrisma = { url, client };
  return client;
}

export type Db = PrismaClient;
/** A client inside `db().$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
