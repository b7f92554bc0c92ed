// Runs queued background work to completion, in the test's process, with the app's task list:
// "jobs drained" means every inbound event that is due has been worked and every job that could
// run has run (failing events and failed jobs wait for their retry).
//
// A job that fails during a drain is held until the drain ends: graphile-worker schedules its retry
// a few seconds later (exp(attempts) s), and a drain that runs longer than that on a slow machine
// would otherwise run the retry too, so a test's "one failure, retried later" would depend on the
// machine's speed. After the drain the retry keeps its normal time.
import type { Task, TaskList } from "graphile-worker";
import { Logger, runOnce } from "graphile-worker";
import { TASK_LIST } from "~/jobs/task-list.server";
import { drainInboundEvents } from "~/jobs/tasks/drain-inbound-events.server";
import { pgPool } from "~/lib/pg-pool.server";

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.warn(`[jobs] ${message}`);
});

/** How far a failed job's retry is pushed while the drain lasts (undone when it ends). */
const HOLD = "1 day";

async function readyJobCount(): Promise<number> {
  const { rows } = await pgPool().query<{ count: string }>(
    `SELECT count(*) AS count FROM graphile_worker.jobs
      WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts`,
  );
  return Number(rows[0].count);
}

function holdingFailures(taskList: TaskList, held: Set<string>): TaskList {
  const wrap =
    (task: Task): Task =>
    async (payload, helpers) => {
      try {
        return await task(payload, helpers);
      } catch (error) {
        // The job is still locked by this worker; graphile-worker's failJob then adds the backoff
        // to the later of now() and this run_at.
        await helpers.query(`UPDATE graphile_worker._private_jobs SET run_at = now() + $2::interval WHERE id = $1`, [helpers.job.id, HOLD]);
        held.add(helpers.job.id);
        throw error;
      }
    };
  return Object.fromEntries(Object.entries(taskList).map(([name, task]) => [name, wrap(task as Task)]));
}

export async function drainJobs(): Promise<void> {
  const held = new Set<string>();
  const taskList = holdingFailures(TASK_LIST, held);
  try {
    for (;;) {
      let claimed = 0;
      for (let batch = await drainInboundEvents(); batch > 0; batch = await drainInboundEvents()) claimed += batch;
      const ready = await readyJobCount();
      if (ready > 0) {
        await runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger, concurrency: 1 });
      }
      if (claimed === 0 && ready === 0) return;
    }
  } finally {
    if (held.size > 0) {
      await pgPool().query(`UPDATE graphile_worker._private_jobs SET run_at = run_at - $2::interval WHERE id = ANY($1::bigint[])`, [
        [...held],
        HOLD,
      ]);
    }
  }
}
