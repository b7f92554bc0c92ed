// npm run db:migrate: `prisma migrate deploy` and the job queue schema, as the owner of the
// tables: DATABASE_MIGRATION_URL, else DATABASE_URL (roles not separated), else the embedded
// database (as its superuser).
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate-database";

const ownerUrl = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
if (ownerUrl) {
  await migrateDatabase(ownerUrl);
  console.log("Migrations applied.");
} else {
  const dataDir = path.join(process.env.CREATOR_PAYOUTS_DATA_DIR ?? ".data", "postgres");
  const postgres = await startEmbeddedPostgres({ dataDir, persistent: true });
  try {
    const client = new pg.Client({ connectionString: postgres.serverUrl });
    await client.connect();
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'creator_payouts'");
    if (exists.rowCount === 0) await client.query('CREATE DATABASE "creator_payouts"');
    await client.end();
    await migrateDatabase(postgres.databaseUrl("creator_payouts"));
    console.log("Migrations applied to the embedded database.");
  } finally {
    await postgres.stop();
  }
}
