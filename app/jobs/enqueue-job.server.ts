// The one way to queue a background job: graphile_worker.add_job in the caller's transaction (or
// on the database directly), so a job exists exactly when the change it is about committed.
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import type { JOB } from "./job-names";

export type JobName = (typeof JOB)[keyof typeof JOB];

export interface JobOptions {
  /** A second job with the same key replaces the waiting one instead of adding another. */
  jobKey?: string;
  /** graphile-worker's default: 25. */
  maxAttempts?: number;
  /** Run no sooner than this many seconds after the transaction's start; default: at once. */
  delaySeconds?: number;
}

type SqlClient = Pick<DbTransaction, "$executeRaw">;

/** Queues one job. */
export async function enqueueJob(
  client: SqlClient,
  name: JobName,
  payload: Record<string, string>,
  options: JobOptions = {},
): Promise<void> {
  await enqueueJobs(client, name, [{ payload, ...options }]);
}

/**
 * Queues many jobs of one kind with one call of graphile_worker.add_jobs (the set-based paths, e.g.
 * a run's emails): one statement and one insert, where add_job per row cost a function call, a
 * nested add_jobs and an insert per job. A key given twice keeps its last job, as add_job one
 * after the other would (add_jobs itself refuses a key twice in one call).
 */
export async function enqueueJobs(
  client: SqlClient,
  name: JobName,
  jobs: readonly ({ payload: Record<string, string> } & JobOptions)[],
): Promise<void> {
  if (jobs.length === 0) return;
  const lastOfKey = new Map<string, number>();
  jobs.forEach((job, index) => {
    if (job.jobKey !== undefined) lastOfKey.set(job.jobKey, index);
  });
  const specs = jobs.flatMap((job, index) =>
    job.jobKey !== undefined && lastOfKey.get(job.jobKey) !== index
      ? []
      : [
          {
            ord: index,
            payload: job.payload,
            job_key: job.jobKey ?? null,
            max_attempts: job.maxAttempts ?? null,
            delay_seconds: job.delaySeconds ?? null,
          },
        ],
  );
  await client.$executeRaw(Prisma.sql`
    SELECT count(*) FROM graphile_worker.add_jobs((
      SELECT array_agg(ROW(${name}::text, spec.payload, NULL::text,
          CASE WHEN spec.delay_seconds IS NULL THEN NULL ELSE now() + make_interval(secs => spec.delay_seconds) END,
          spec.max_attempts::smallint, spec.job_key, NULL::smallint, NULL::text[])::graphile_worker.job_spec ORDER BY spec.ord)
      FROM jsonb_to_recordset(${JSON.stringify(specs)}::jsonb)
        AS spec(ord int, payload json, job_key text, max_attempts integer, delay_seconds double precision)))`);
}
