// `npm run worker`: a background-job worker on its own (no web server), against DATABASE_URL.
// Runs every graphile-worker task (inbound events, payout runs, emails, Stripe transfers and
// the sweeper's cron). Useful in production to scale jobs apart from web instances (set
// JOB_WORKER_CONCURRENCY=0 on those), and in tests that kill a worker mid-payout.
import { env, InvalidEnvironmentError } from "../app/env.server";

async function main() {
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!config.DATABASE_URL) {
    console.error("DATABASE_URL is required: the worker runs the jobs queued in that database.");
    process.exit(1);
  }
  const { startJobWorker } = await import("../app/jobs/job-queue.server");
  const { TASK_LIST } = await import("../app/jobs/task-list.server");
  const { pgPool } = await import("../app/lib/pg-pool.server");
  const worker = await startJobWorker(TASK_LIST, {
    pgPool: pgPool(),
    concurrency: Math.max(1, config.JOB_WORKER_CONCURRENCY),
    withCron: config.JOB_WORKER_CRON === "1",
  });
  console.log("Creator Payouts worker running");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Running jobs finish (or return to the queue), then the pool closes.
    await worker.stop().catch(() => {});
    const { closeDatabase } = await import("../app/db.server");
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main();
