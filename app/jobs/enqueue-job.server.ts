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

/** Queues many jobs of one kind with one statement (the set-based paths, e.g. a run's emails). */
export async function enqueueJobs(
  client: SqlClient,
  name: JobName,
  jobs: readonly ({ payload: Record<string, string> } & JobOptions)[],
): Promise<void> {
  if (jobs.length === 0) return;
  const specs = jobs.map((job) => ({
    payload: job.payload,
    job_key: job.jobKey ?? null,
    max_attempts: job.maxAttempts ?? null,
    delay_seconds: job.delaySeconds ?? null,
  }));
  await client.$executeRaw(Prisma.sql`
    SELECT graphile_worker.add_job(${name}, spec.payload, job_key => spec.job_key, max_attempts => spec.max_attempts,
      run_at => CASE WHEN spec.delay_seconds IS NULL THEN NULL ELSE now() + make_interval(secs => spec.delay_seconds) END)
    FROM jsonb_to_recordset(${JSON.stringify(specs)}::jsonb)
      AS spec(payload json, job_key text, max_attempts integer, delay_seconds double precision)`);
}
