// The one node-postgres pool of a process. Prisma (db()), the hot statements that skip Prisma
// (recording a webhook delivery, claiming inbound events) and the job worker all draw from it,
// so DATABASE_POOL_SIZE is the number of connections a process opens at most — the figure the
// README tells operators to size their database for.
import pg from "pg";
import { envVariables } from "../env.server";
import { logger } from "./logger.server";

declare global {
  // One pool per process and DATABASE_URL; survives Vite's module reloading in development.
  var __creatorPayoutsPgPool: { url: string; pool: pg.Pool; closing: boolean; open: Set<pg.Client> } | undefined;
}

export const DEFAULT_POOL_SIZE = 10;

export function poolSize(): number {
  return envVariables("DATABASE_POOL_SIZE").DATABASE_POOL_SIZE;
}

export function pgPool(): pg.Pool {
  const url = envVariables("DATABASE_URL").DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run demo`.");
  }
  const cached = globalThis.__creatorPayoutsPgPool;
  if (cached?.url === url) return cached.pool;
  if (cached) void closePgPool();
  const pool = new pg.Pool({ connectionString: url, max: poolSize(), application_name: "creator-payouts" });
  const entry = { url, pool, closing: false, open: new Set<pg.Client>() };
  // A connection dropped by the server must not crash the process: idle ones are replaced by the
  // pool, a query on a checked-out one fails. While the process shuts down it is expected.
  const lost = (error: Error) => {
    if (!entry.closing && !isShuttingDown()) logger().warn({ module: "pg-pool" }, `connection lost: ${error.message}`);
  };
  pool.on("error", lost);
  pool.on("connect", (client) => {
    entry.open.add(client);
    client.on("error", lost);
    client.on("end", () => entry.open.delete(client));
  });
  globalThis.__creatorPayoutsPgPool = entry;
  return pool;
}

declare global {
  var __creatorPayoutsShuttingDown: boolean | undefined;
}

/**
 * The process is stopping: connections may be cut under it (Ctrl-C in a terminal also signals
 * the embedded PostgreSQL, which then closes every session), which is expected, not news.
 */
export function beginShutdown() {
  globalThis.__creatorPayoutsShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return globalThis.__creatorPayoutsShuttingDown === true;
}

/** Ends the process's pool (at shutdown, after Prisma and the job worker are done with it). */
export async function closePgPool(): Promise<void> {
  const cached = globalThis.__creatorPayoutsPgPool;
  if (!cached) return;
  globalThis.__creatorPayoutsPgPool = undefined;
  cached.closing = true;
  await cached.pool.end().catch(() => {});
  // pool.end() resolves before the sockets are closed; a database stopped right after would
  // still see them. Wait (briefly) until every connection has ended.
  // eslint-disable-next-line layering/no-ambient-clock -- a shutdown timeout
  const deadline = Date.now() + 5000; // a shutdown timeout, not business time
  // eslint-disable-next-line layering/no-ambient-clock -- a shutdown timeout
  while (cached.open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
