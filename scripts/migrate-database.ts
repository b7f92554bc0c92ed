// Brings a database up to date: Prisma migrations (the app's tables), then the job queue schema.
import pg from "pg";
import { migrateJobQueue } from "../app/jobs/job-queue.server";
import { applyMigrations } from "./prisma-cli";

/** The app's migration lock (a PostgreSQL advisory lock key, per database). */
export const MIGRATION_LOCK_KEY = 7_270_736_901n;

/**
 * Instances starting at once all migrate. Prisma's own migration lock gives up after 10 s
 * (P1002) and the launcher would stop, so first wait, without a time limit, on the app's session
 * lock: one instance migrates at a time (the others then find nothing pending), and a holder that
 * crashes releases it with its connection.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1::bigint)", [String(MIGRATION_LOCK_KEY)]);
    await applyMigrations(databaseUrl);
    await migrateJobQueue(databaseUrl);
  } finally {
    await lock.end(); // ends the session, and with it the lock
  }
}
