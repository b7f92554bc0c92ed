// The PostgreSQL-backed job queue (graphile-worker): any app instance may run a worker; jobs are
// added in SQL, in the same statement or transaction as the rows they are about.
import { Logger, run, runMigrations, type Runner, type TaskList } from "graphile-worker";
import type { Pool } from "pg";
import { logger as appLogger } from "../lib/logger.server";
import { isShuttingDown } from "../lib/pg-pool.server";
import { enqueuePayoutDetailsFingerprintBackfill } from "../risk/backfill-payout-details-fingerprints.server";
import { CRONTAB, JOB } from "./job-names";

const logger = new Logger(() => (level, message) => {
  // Job failures are retried and recorded on the inbound event; warn, do not shout. While the
  // process stops, connections closing under the worker are expected (the jobs return to the queue).
  if ((level === "error" || level === "warning") && !isShuttingDown()) appLogger().warn({ module: "jobs" }, message);
});

/** Creates or upgrades the graphile_worker schema (idempotent). */
export async function migrateJobQueue(connectionString: string) {
  await runMigrations({ connectionString, logger });
}

export interface WorkerOptions {
  /** The process's shared pool (app/lib/pg-pool.server.ts): the worker keeps one connection of it for LISTEN. */
  pgPool: Pool;
  concurrency?: number;
  /** Off in tests that drain jobs by hand with a pinned clock. */
  withCron?: boolean;
  pollIntervalMs?: number;
}

export async function startJobWorker(taskList: TaskList, options: WorkerOptions): Promise<Runner> {
  const runner = await run({
    pgPool: options.pgPool,
    concurrency: options.concurrency ?? 4,
    // The launcher stops the worker itself (runner.stop(): running jobs finish, or go back to
    // the queue when they do not finish within gracefulShutdownAbortTimeout).
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 1000,
    taskList,
    crontab: options.withCron === false ? "" : CRONTAB,
    logger,
  });
  // Starts the inbound drain's self-renewing chain (one pending job at most, whatever the
  // number of instances); the cron line restarts it should it ever break.
  await runner.addJob(JOB.drainInboundEvents, {}, { jobKey: JOB.drainInboundEvents, jobKeyMode: "replace" });
  // Payout-details fingerprints missing since before issue 17 (one pending job at most; a no-op once filled).
  await enqueuePayoutDetailsFingerprintBackfill();
  return runner;
}
