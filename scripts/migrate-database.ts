// Brings a database up to date: Prisma migrations (the app's tables), then the job queue schema.
import { migrateJobQueue } from "../app/jobs/job-queue.server";
import { applyMigrations } from "./prisma-cli";

export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await applyMigrations(databaseUrl);
  await migrateJobQueue(databaseUrl);
}
