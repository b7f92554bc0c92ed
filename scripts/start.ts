// `npm start` / `npm run demo`: the app's launcher.
// - With DATABASE_URL: uses that PostgreSQL. Without it: starts an embedded PostgreSQL under
//   .data/postgres on a free port and stops it on exit (one launcher per data folder).
//   The embedded server gets the two roles of a production database: migrations run as its
//   superuser (the owner), the app as the login role creator_payouts_app (scripts/database-roles.ts).
// - Applies pending migrations (`prisma migrate deploy`) with DATABASE_MIGRATION_URL (else
//   DATABASE_URL), then serves the built app on DATABASE_URL.
// - `--demo`: development-only demo mode (see app/demo/demo-mode.server.ts), seeded demo shop.
// - SIGTERM/SIGINT: stops taking requests, lets running requests and jobs finish (a job that does
//   not finish goes back to the queue), closes the pool, stops the embedded database, exits 0.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import type { Runner } from "graphile-worker";
import { registerDemoRuntime, DEMO_SHOP_DOMAIN } from "../app/demo/demo-mode.server";
import { InvalidEnvironmentError, parseEnvironment } from "../app/env.server";
import { isBuildStale } from "./build-freshness";
import { startAppServer, type RunningAppServer } from "./app-server";
import { APP_LOGIN_ROLE, ensureAppLoginRole, urlWithCredentials } from "./database-roles";
import { leaveSignalsToCaller, startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { acquireLauncherLock, type LauncherLock } from "./launcher-lock";
import { migrateDatabase } from "./migrate-database";

const demo = process.argv.includes("--demo");
const DATABASE_NAME = "creator_payouts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Builds the app when build/ is missing or older than app/. */
function ensureBuild() {
  if (!isBuildStale()) return;
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

/** What is running, so a signal at any point stops exactly that, in order. */
const running: { server?: RunningAppServer; worker?: Runner | null; postgres?: RunningPostgres; lock?: LauncherLock } = {};
let stopping = false;

// Requests still running when the signal came get this long to finish.
const REQUEST_DRAIN_MS = 10_000;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping…`);
  const { beginShutdown } = await import("../app/lib/pg-pool.server");
  beginShutdown();
  await running.server?.close(REQUEST_DRAIN_MS).catch(() => {});
  await running.worker?.stop().catch(() => {});
  const { closeDatabase } = await import("../app/db.server");
  await closeDatabase();
  await running.postgres?.stop().catch(() => {});
  running.lock?.release();
  console.log("Stopped.");
  process.exit(0);
}

async function main() {
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

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
  } else if (process.env.CREATOR_PAYOUTS_DEMO) {
    // The flag would let the development key through the configuration check.
    fail("CREATOR_PAYOUTS_DEMO is set by `npm run demo` only: unset it, or run `npm run demo`.");
  }

  // Fail fast, before starting anything, with one line per problem.
  try {
    parseEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) fail(error.message);
    throw error;
  }

  if (!process.env.DATABASE_URL) {
    const dataRoot = process.env.CREATOR_PAYOUTS_DATA_DIR ?? ".data";
    mkdirSync(dataRoot, { recursive: true });
    const lock = acquireLauncherLock(dataRoot, demo ? "demo" : "app");
    if ("alreadyRunning" in lock) fail(lock.alreadyRunning);
    running.lock = lock;
    leaveSignalsToCaller();
    running.postgres = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "postgres"), persistent: true, log: console.error });
    await createDatabaseIfMissing(running.postgres.serverUrl, DATABASE_NAME);
    // A fresh password each start: only this process (and its children) can log in as the app.
    const appPassword = randomBytes(24).toString("base64url");
    await ensureAppLoginRole(running.postgres.serverUrl, appPassword);
    process.env.DATABASE_MIGRATION_URL = running.postgres.databaseUrl(DATABASE_NAME);
    process.env.DATABASE_URL = urlWithCredentials(running.postgres.databaseUrl(DATABASE_NAME), APP_LOGIN_ROLE, appPassword);
    console.log(`Embedded PostgreSQL running at ${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ":***@")}`);
  }

  try {
    await serve();
  } catch (error) {
    await running.postgres?.stop();
    running.lock?.release();
    if (error instanceof InvalidEnvironmentError) fail(error.message);
    throw error;
  }
}

async function serve() {
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
  if (stopping) return;
  running.server = await startAppServer({ host: config.HOST, port: config.PORT });
  // SIGUSR2 prints the event loop's delay since the last one (the webhook benchmark reads it).
  const { reportEventLoopDelayOnSignal } = await import("../app/lib/event-loop-delay.server");
  reportEventLoopDelayOnSignal();
  // Every instance may work background jobs; JOB_WORKER_CONCURRENCY=0 makes a web-only instance.
  const { startJobWorker } = await import("../app/jobs/job-queue.server");
  const { TASK_LIST } = await import("../app/jobs/task-list.server");
  const { pgPool } = await import("../app/lib/pg-pool.server");
  running.worker =
    config.JOB_WORKER_CONCURRENCY > 0
      ? await startJobWorker(TASK_LIST, { pgPool: pgPool(), concurrency: config.JOB_WORKER_CONCURRENCY })
      : null;
  const publicUrl = demo ? `${running.server.url.replace("127.0.0.1", "localhost")}/app` : running.server.url;
  running.lock?.serving(publicUrl);
  console.log(demo ? `Creator Payouts demo: ${publicUrl}` : `Creator Payouts listening on ${publicUrl}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
