// Brings a database up to date, connected as the owner of its tables: Prisma migrations (the
// app's tables and the runtime role's privileges), then the job queue schema and its grants.
import pg from "pg";
import { migrateJobQueue } from "../app/jobs/job-queue.server";
import { grantJobQueueToRuntime } from "./database-roles";
import { applyMigrations } from "./prisma-cli";

/** The app's migration lock (a PostgreSQL advisory lock key, per database). */
export const MIGRATION_LOCK_KEY = 7_270_736_901n;

/**
 * Instances starting at once all migrate. Prisma's own migration lock gives up after 10 s
 * (P1002) and the launcher would stop, so first wait, without a time limit, on the app's session
 * lock: one instance migrates at a time (the others then find nothing pending), and a holder that
 * crashes releases it with its connection.
 */
export async function migrateDatabase(ownerUrl: string): Promise<void> {
  const lock = new pg.Client({ connectionString: ownerUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1::bigint)", [String(MIGRATION_LOCK_KEY)]);
    await applyMigrations(ownerUrl);
    await migrateJobQueue(ownerUrl);
    await grantJobQueueToRuntime(ownerUrl);
  } catch (error) {
    const user = decodeURIComponent(new URL(ownerUrl).username) || "the default user";
    const detail = error instanceof Error ? error.message : String(error);
    // The usual cause in a separated deployment: DATABASE_MIGRATION_URL unset, so the app's own
    // role (which may not alter tables) was asked to migrate.
    throw new Error(
      `Migrations failed, connected as ${user}. Migrations run as the role that owns the tables: ` +
        `set DATABASE_MIGRATION_URL to its URL when DATABASE_URL is the app's runtime role.\n${detail}`,
      { cause: error },
    );
  } finally {
    await lock.end(); // ends the session, and with it the lock
  }
}
