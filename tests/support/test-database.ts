// Gives the calling test file its own database, cloned from the migrated template, and points
// DATABASE_URL (and so the app's Prisma client and pg pool) at it as the app's runtime role
// (creator_payouts_app): what the app and the test's own db() calls may do is what production
// may do. ownerDatabaseUrl() (also DATABASE_MIGRATION_URL) is the same database as the owner,
// for the few tests that must.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { urlWithCredentials } from "../../scripts/database-roles";

let ownerUrl: string | undefined;

export async function useTestDatabase(): Promise<string> {
  const serverUrl = inject("databaseServerUrl");
  const template = inject("templateDatabase");
  const appRole = inject("appRole");
  const name = `cp_test_${randomBytes(4).toString("hex")}_${process.ppid}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  ownerUrl = url.toString();
  // Both, as a production deployment sets them: app processes a test spawns (scripts/start.ts)
  // migrate as the owner and serve as the runtime role.
  process.env.DATABASE_MIGRATION_URL = ownerUrl;
  process.env.DATABASE_URL = urlWithCredentials(ownerUrl, appRole.user, appRole.password);
  return process.env.DATABASE_URL;
}

/** The test file's database as the owner of its tables (the migrations' role). */
export function ownerDatabaseUrl(): string {
  if (!ownerUrl) throw new Error("call useTestDatabase() (or startTestApp()) first");
  return ownerUrl;
}

/** Runs one statement as the owner: DDL a test needs (fault-injection triggers), never app work. */
export async function executeAsOwner(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerDatabaseUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
