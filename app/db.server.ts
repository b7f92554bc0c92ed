// The one Prisma client of a process, on the TypeScript query compiler with node-postgres. It
// runs on the process's shared pool (app/lib/pg-pool.server.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { envVariables } from "./env.server";
import { closePgPool, pgPool } from "./lib/pg-pool.server";

declare global {
  // Survives Vite's module reloading in development.
  var __creatorPayoutsPrisma: { url: string; client: PrismaClient } | undefined;
}

export function db(): PrismaClient {
  const url = envVariables("DATABASE_URL").DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run demo`.");
  }
  const cached = globalThis.__creatorPayoutsPrisma;
  if (cached?.url === url) return cached.client;
  const client = new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  globalThis.__creatorPayoutsPrisma = { url, client };
  return client;
}

/** At shutdown: Prisma lets go of the shared pool, then the pool closes its connections. */
export async function closeDatabase(): Promise<void> {
  const cached = globalThis.__creatorPayoutsPrisma;
  globalThis.__creatorPayoutsPrisma = undefined;
  await cached?.client.$disconnect().catch(() => {});
  await closePgPool();
}

export type Db = PrismaClient;
/** A client inside `withTransaction(preset, async (tx) => …)` (app/db/transaction.server.ts). */
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
