// Brings a database up to date, connected as the owner of its tables: Prisma migrations (the
// app's tables and the runtime role's privileges), then the job queue schema and its grants.
import { migrateJobQueue } from "../app/jobs/job-queue.server";
import { grantJobQueueToRuntime } from "./database-roles";
import { applyMigrations } from "./prisma-cli";

export async function migrateDatabase(ownerUrl: string): Promise<void> {
  try {
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
  }
}
