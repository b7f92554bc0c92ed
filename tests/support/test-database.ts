// Gives the calling test file its own database, cloned from the migrated template, and points
// DATABASE_URL (and so the app's Prisma client) at it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export async function useTestDatabase(): Promise<string> {
  const serverUrl = inject("databaseServerUrl");
  const template = inject("templateDatabase");
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
  process.env.DATABASE_URL = url.toString();
  return process.env.DATABASE_URL;
}
