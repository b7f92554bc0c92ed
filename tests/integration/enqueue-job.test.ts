// enqueueJob / enqueueJobs: the one way to queue a background job (graphile_worker.add_jobs), in
// the caller's transaction.
import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { withTransaction } from "~/db/transaction.server";
import { enqueueJob, enqueueJobs } from "~/jobs/enqueue-job.server";
import { JOB } from "~/jobs/job-names";
import { useTestDatabase } from "../support/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

interface QueuedJob {
  task: string;
  payload: Record<string, string>;
  maxAttempts: number;
  delaySeconds: number;
}

async function jobsWhere(condition: "key" | "emailId", value: string): Promise<QueuedJob[]> {
  return db().$queryRaw<QueuedJob[]>`
    SELECT t.identifier AS task, j.payload, j.max_attempts AS "maxAttempts",
           round(extract(epoch FROM j.run_at - now()))::int AS "delaySeconds"
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE ${condition === "key" ? Prisma.sql`j.key = ${value}` : Prisma.sql`j.payload->>'emailId' = ${value}`}`;
}

describe("queueing a background job", () => {
  it("stores the task, payload, key, attempts and delay it was given", async () => {
    await withTransaction("short", (tx) =>
      enqueueJob(tx, JOB.processPayoutRun, { runId: "run_1" }, { jobKey: "payout_run:run_1", maxAttempts: 5, delaySeconds: 60 }),
    );
    expect(await jobsWhere("key", "payout_run:run_1")).toEqual([
      { task: JOB.processPayoutRun, payload: { runId: "run_1" }, maxAttempts: 5, delaySeconds: 60 },
    ]);
  });

  it("replaces the waiting job with the same key instead of adding a second one", async () => {
    await enqueueJob(db(), JOB.processPayoutRun, { runId: "run_2" }, { jobKey: "payout_run:run_2", maxAttempts: 5, delaySeconds: 600 });
    await enqueueJob(db(), JOB.processPayoutRun, { runId: "run_2" }, { jobKey: "payout_run:run_2", maxAttempts: 5 });
    expect(await jobsWhere("key", "payout_run:run_2")).toEqual([
      { task: JOB.processPayoutRun, payload: { runId: "run_2" }, maxAttempts: 5, delaySeconds: 0 },
    ]);
  });

  it("exists only if the caller's transaction commits", async () => {
    await expect(
      withTransaction("short", async (tx) => {
        await enqueueJob(tx, JOB.sendEmail, { emailId: "email_rolled_back" }, { jobKey: "email_rolled_back" });
        throw new Error("the change was abandoned");
      }),
    ).rejects.toThrow("the change was abandoned");
    expect(await jobsWhere("key", "email_rolled_back")).toEqual([]);
  });

  it("queues many with one call, with graphile-worker's defaults where nothing is given", async () => {
    await enqueueJobs(db(), JOB.sendEmail, [
      { payload: { emailId: "email_a" }, jobKey: "email_a", maxAttempts: 8 },
      { payload: { emailId: "email_b" } },
    ]);
    await enqueueJobs(db(), JOB.sendEmail, []);
    expect(await jobsWhere("key", "email_a")).toEqual([
      { task: JOB.sendEmail, payload: { emailId: "email_a" }, maxAttempts: 8, delaySeconds: 0 },
    ]);
    expect(await jobsWhere("emailId", "email_b")).toEqual([
      { task: JOB.sendEmail, payload: { emailId: "email_b" }, maxAttempts: 25, delaySeconds: 0 },
    ]);
  });

  it("keeps the last job of a key given twice in one call, as one call per job would", async () => {
    await enqueueJobs(db(), JOB.processPayoutRun, [
      { payload: { runId: "run_3" }, jobKey: "payout_run:run_3", maxAttempts: 5, delaySeconds: 600 },
      { payload: { runId: "run_4" } },
      { payload: { runId: "run_3b" }, jobKey: "payout_run:run_3", maxAttempts: 7 },
    ]);
    expect(await jobsWhere("key", "payout_run:run_3")).toEqual([
      { task: JOB.processPayoutRun, payload: { runId: "run_3b" }, maxAttempts: 7, delaySeconds: 0 },
    ]);
  });
});
