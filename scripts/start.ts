// `npm start` / `npm run demo`: the app's launcher.
// - With DATABASE_URL: uses that PostgreSQL. Without it: starts an embedded PostgreSQL under
//   .data/postgres on a free port and stops it on exit.
//   The embedded server gets the two roles of a production database: migrations run as its
//   superuser (the owner), the app as the login role creator_payouts_app (scripts/database-roles.ts).
// - Applies pending migrations (`prisma migrate deploy`) with DATABASE_MIGRATION_URL (else
//   DATABASE_URL), then serves the built app on DATABASE_URL.
// - `--demo`: development-only demo mode (see app/demo/demo-mode.server.ts), seeded demo shop.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { registerDemoRuntime, DEMO_SHOP_DOMAIN } from "../app/demo/demo-mode.server";
import { InvalidEnvironmentError, parseEnvironment } from "../app/env.server";
import { startAppServer } from "./app-server";
import { APP_LOGIN_ROLE, ensureAppLoginRole, urlWithCredentials } from "./database-roles";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate-database";

const demo = process.argv.includes("--demo");
const DATABASE_NAME = "creator_payouts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the app when build/ is missing or older than app/. */
function ensureBuild() {
  const serverEntry = "build/server/index.js";
  const sourcesChanged =
    !existsSync(serverEntry) ||
    statSync(serverEntry).mtimeMs < Math.max(newestMtime("app"), statSync("vite.config.ts").mtimeMs);
  if (!sourcesChanged) return;
  console.log("Building the app (first run or changed sources)…");
  const require = createRequire(import.meta.url);
  const remixCli = require.resolve("@remix-run/dev/dist/cli.js");
  execFileSync(process.execPath, [remixCli, "vite:build"], { stdio: "inherit" });
}

async function createDatabaseIfMissing(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function main() {
  if (demo) {
    if (process.env.NODE_ENV === "production") {
      fail("Demo mode is for development only: it refuses to start with NODE_ENV=production.");
    }
    if (process.env.DATABASE_URL) {
      fail("Demo mode runs on the embedded database only: unset DATABASE_URL to start it.");
    }
    process.env.CREATOR_PAYOUTS_DEMO = "1";
    process.env.HOST = "127.0.0.1";
    process.env.PORT ??= "3000";
    process.env.SHOPIFY_API_KEY ??= "demo-api-key";
    process.env.SHOPIFY_API_SECRET ??= "demo-api-secret";
    process.env.SHOPIFY_APP_URL ??= `http://localhost:${process.env.PORT}`;
  }

  // Fail fast, before starting anything, with one line per problem.
  try {
    parseEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) fail(error.message);
    throw error;
  }

  let postgres: RunningPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    const dataDir = path.join(process.env.CREATOR_PAYOUTS_DATA_DIR ?? ".data", "postgres");
    postgres = await startEmbeddedPostgres({ dataDir, persistent: true, log: console.error });
    await createDatabaseIfMissing(postgres.serverUrl, DATABASE_NAME);
    // A fresh password each start: only this process (and its children) can log in as the app.
    const appPassword = randomBytes(24).toString("base64url");
    await ensureAppLoginRole(postgres.serverUrl, appPassword);
    process.env.DATABASE_MIGRATION_URL = postgres.databaseUrl(DATABASE_NAME);
    process.env.DATABASE_URL = urlWithCredentials(postgres.databaseUrl(DATABASE_NAME), APP_LOGIN_ROLE, appPassword);
    console.log(`Embedded PostgreSQL running at ${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ":***@")}`);
  }

  const stopDatabase = async () => {
    await postgres?.stop();
  };
  try {
    await serve(stopDatabase);
  } catch (error) {
    await stopDatabase();
    if (error instanceof InvalidEnvironmentError) fail(error.message);
    throw error;
  }
}

async function serve(stopDatabase: () => Promise<void>) {
  const config = parseEnvironment(process.env);
  // Roles not separated (no DATABASE_MIGRATION_URL): the app's own role migrates.
  await migrateDatabase(config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL!);

  if (demo) {
    registerDemoRuntime({ embeddedDatabaseUrl: process.env.DATABASE_URL!, listenHost: config.HOST });
    const { seedDemoShop } = await import("../app/demo/seed-demo-shop.server");
    const seeded = await seedDemoShop();
    console.log(seeded.created ? `Seeded the demo shop ${DEMO_SHOP_DOMAIN}.` : `Demo shop ${DEMO_SHOP_DOMAIN} already seeded.`);
  }

  ensureBuild();
  const server = await startAppServer({ host: config.HOST, port: config.PORT });
  // Every instance may work background jobs; JOB_WORKER_CONCURRENCY=0 makes a web-only instance.
  const { startJobWorker } = await import("../app/jobs/job-queue.server");
  const { TASK_LIST } = await import("../app/jobs/task-list.server");
  const worker =
    config.JOB_WORKER_CONCURRENCY > 0
      ? await startJobWorker(TASK_LIST, { connectionString: config.DATABASE_URL!, concurrency: config.JOB_WORKER_CONCURRENCY })
      : null;
  console.log(demo ? `Creator Payouts demo: ${server.url.replace("127.0.0.1", "localhost")}/app` : `Creator Payouts listening on ${server.url}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    await server.close().catch(() => {});
    await worker?.stop().catch(() => {});
    const { db } = await import("../app/db.server");
    await db().$disconnect().catch(() => {});
    await stopDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
