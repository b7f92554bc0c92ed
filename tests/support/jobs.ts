// Runs queued background jobs to completion, in the test's process, with the app's task list:
// "jobs drained" means every job that could run has run (failed jobs wait for their retry).
import { runOnce } from "graphile-worker";
import { Logger } from "graphile-worker";
import { TASK_LIST } from "~/jobs/task-list.server";

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.warn(`[jobs] ${message}`);
});

export async function drainJobs(): Promise<void> {
  await runOnce({ connectionString: process.env.DATABASE_URL!, taskList: TASK_LIST, logger: quietLogger, concurrency: 1 });
}
