// Once per `vitest run`: a PostgreSQL server (embedded unless DATABASE_URL names one) and a
// template database with every migration applied. Each test file that needs a database clones
// the template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { randomBytes } from "node:crypto";
import { APP_LOGIN_ROLE, ensureAppLoginRole } from "../../scripts/database-roles";
import { releaseExitHooks, startEmbeddedPostgres, type RunningPostgres } from "../../scripts/embedded-postgres";
import { migrateDatabase } from "../../scripts/migrate-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
    /** The login role the app under test runs as (a member of creator_payouts_runtime). */
    appRole: { user: string; password: string };
  }
}

const TEMPLATE = `cp_test_template_${process.pid}`;

async function sql(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  try {
    return await prepareDatabase(project);
  } catch (error) {
    // Vitest 3 may report a global-setup error and still exit 0: stop the run for certain.
    console.error("Test database setup failed:", error);
    process.exit(1);
  }
}

async function prepareDatabase(project: TestProject) {
  let postgres: RunningPostgres | undefined;
  let dataDir: string | undefined;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    serverUrl = url.toString();
  } else {
    mkdirSync(".data", { recursive: true });
    dataDir = mkdtempSync(path.resolve(".data", "test-postgres-"));
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), persistent: false });
    serverUrl = postgres.serverUrl;
  }
  await sql(serverUrl, `DROP DATABASE IF EXISTS "${TEMPLATE}"`);
  await sql(serverUrl, `CREATE DATABASE "${TEMPLATE}"`);
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await migrateDatabase(templateUrl.toString());
  const appPassword = randomBytes(18).toString("base64url");
  await ensureAppLoginRole(serverUrl, appPassword);

  project.provide("databaseServerUrl", serverUrl);
  project.provide("templateDatabase", TEMPLATE);
  project.provide("appRole", { user: APP_LOGIN_ROLE, password: appPassword });

  return async () => {
    if (postgres) {
      await postgres.stop();
      // Else the package's exit hook ends the run with code 0 even when an integration test failed.
      releaseExitHooks();
    } else {
      const leftovers = await sql(
        serverUrl,
        `SELECT datname FROM pg_database WHERE datname LIKE 'cp_test_%_${process.pid}%' OR datname = '${TEMPLATE}'`,
      );
      for (const row of leftovers.rows) await sql(serverUrl, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
