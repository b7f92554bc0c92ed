// Several instances starting at once (a deploy, a crash loop, the chaos test) each migrate the
// database. Prisma's own migration lock gives up after 10 s (P1002) and the launcher stops, so
// migrateDatabase first waits on the app's session lock: one instance migrates at a time, the
// others wait as long as it takes, and a crashed holder's lock goes with its connection.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_LOCK_KEY, migrateDatabase } from "../../scripts/migrate-database";
import { ownerDatabaseUrl, useTestDatabase } from "../support/test-database";

let databaseUrl: string;
let holder: pg.Client;

beforeAll(async () => {
  await useTestDatabase();
  databaseUrl = ownerDatabaseUrl(); // migrations run as the owner of the tables
  holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
});
afterAll(() => holder?.end());

async function waitingForMigrationLock(): Promise<boolean> {
  const { rows } = await holder.query(
    `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()
        AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint`,
    [String(MIGRATION_LOCK_KEY)],
  );
  return rows.length > 0;
}

describe("migrating from several instances at once", () => {
  it("waits for the instance that is migrating, then migrates (nothing pending: no change)", async () => {
    await holder.query("SELECT pg_advisory_lock($1::bigint)", [String(MIGRATION_LOCK_KEY)]);
    let finished = false;
    const migrating = migrateDatabase(databaseUrl).then(() => (finished = true));
    const deadline = Date.now() + 20_000;
    while (!(await waitingForMigrationLock()) && Date.now() < deadline && !finished)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished, "migrated while another instance held the migration lock").toBe(false);
    expect(await waitingForMigrationLock()).toBe(true);

    await holder.query("SELECT pg_advisory_unlock($1::bigint)", [String(MIGRATION_LOCK_KEY)]);
    await migrating;
    expect(finished).toBe(true);
    expect(await waitingForMigrationLock()).toBe(false);
  }, 60_000);
});
