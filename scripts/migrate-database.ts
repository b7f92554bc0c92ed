// Brings a database up to date, connected as the owner of its tables: Prisma migrations (the
// app's tables and the runtime role's privileges), then the job queue schema and its grants.
import { migrateJobQueue } from "../app/jobs/job-queue.server";
import { grantJobQueueToRuntime } from "./database-roles";
import { applyMigrations } from "./prisma-cli";

export async function migrateDatabase(ownerUrl: string): Promise<void> {
  await applyMigrations(ownerUrl);
  await migrateJobQueue(ownerUrl);
  await grantJobQueueToRuntime(ownerUrl);
}
