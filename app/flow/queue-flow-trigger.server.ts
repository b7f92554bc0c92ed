// A Flow trigger is written in the transaction of the change it reports and sent by a job, so the
// money path never waits on Shopify and a trigger exists exactly when its change committed.
import type { DbTransaction } from "../db.server";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { now } from "../lib/clock.server";
import type { FlowPayload, FlowTriggerHandle } from "./flow-trigger-payloads";

/** Tries of the `send_flow_trigger` job (graphile-worker backs off exponentially: about an hour in all). */
export const FLOW_TRIGGER_ATTEMPTS = 8;

/**
 * Records one Flow event and queues its delivery. `eventKey` names the business event: the same
 * key queued again (a replayed webhook, a retried transaction) adds nothing. True when new.
 */
export async function queueFlowTrigger(
  tx: DbTransaction,
  event: { shopId: string; handle: FlowTriggerHandle; eventKey: string; payload: FlowPayload },
): Promise<boolean> {
  const [created] = await tx.flowTriggerEvent.createManyAndReturn({
    data: [{ shopId: event.shopId, handle: event.handle, eventKey: event.eventKey, payload: event.payload, createdAt: now() }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) return false;
  await enqueueJob(
    tx,
    JOB.sendFlowTrigger,
    { flowTriggerEventId: created.id },
    { jobKey: `flow:${created.id}`, maxAttempts: FLOW_TRIGGER_ATTEMPTS },
  );
  return true;
}
