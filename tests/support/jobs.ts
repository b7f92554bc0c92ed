// Runs queued background work to completion, in the test's process, with the app's task list:
// "jobs drained" means every inbound event that is due has been worked and every job that could
// run has run (failing events and failed jobs wait for their retry).
import { Logger, runOnce } from "graphile-worker";
import { TASK_LIST } from "~/jobs/task-list.server";
import { drainInboundEvents } from "~/jobs/tasks/drain-inbound-events.server";
import { pgPool } from "~/lib/pg-pool.server";

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.warn(`[jobs] ${message}`);
});

async function readyJobCount(): Promise<number> {
  const { rows } = await pgPool().query<{ count: string }>(
    `SELECT count(*) AS count FROM graphile_worker.jobs
      WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts`,
  );
  return Number(rows[0].count);
}

export async function drainJobs(): Promise<void> {
  for (;;) {
    let claimed = 0;
    for (let batch = await drainInboundEvents(); batch > 0; batch = await drainInboundEvents()) claimed += batch;
    const ready = await readyJobCount();
    if (ready > 0) {
      await runOnce({ connectionString: process.env.DATABASE_URL!, taskList: TASK_LIST, logger: quietLogger, concurrency: 1 });
    }
    if (claimed === 0 && ready === 0) return;
  }
}
