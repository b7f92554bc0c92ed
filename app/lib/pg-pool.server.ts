// A plain node-postgres pool for the few hot statements where Prisma's per-query overhead
// matters (recording a webhook delivery, claiming inbound events). Everything else uses db().
import pg from "pg";

declare global {
  // One pool per process and DATABASE_URL; survives Vite's module reloading in development.
  // eslint-disable-next-line no-var
  var __creatorPayoutsPgPool: { url: string; pool: pg.Pool } | undefined;
}

export function pgPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run demo`.");
  }
  const cached = globalThis.__creatorPayoutsPgPool;
  if (cached?.url === url) return cached.pool;
  void cached?.pool.end().catch(() => {});
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.warn(`[pg-pool] idle connection lost: ${error.message}`));
  globalThis.__creatorPayoutsPgPool = { url, pool };
  return pool;
}
